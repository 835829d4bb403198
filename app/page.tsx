import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { RunsTable } from "@/components/runs/runs-table";
import { toRunRow } from "@/components/runs/run-row";
import { isActive } from "@/lib/domain/types";
import { listRunViews, listStreamFacts } from "@/lib/server/runs/run-view";
import { StreamsCard } from "@/components/live/streams-card";
import { formatCount } from "@/lib/ui/format";
import { requirePageAccess } from "@/lib/server/auth/require-page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

/** Runs the page lists; older ones are counted in the total and reached through GET /api/runs. */
const PAGE_SIZE = 200;
/** Streams listed above the runs (newest first). */
const STREAMS_SHOWN = 20;

export default async function RunsPage() {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  await requirePageAccess("/");
  // The runs as GET /api/runs lists them: the same views, the same rule for an active run's job.
  const [page, streams] = await Promise.all([listRunViews({ pageSize: PAGE_SIZE }), listStreamFacts(STREAMS_SHOWN)]);
  const rows = page.runs.map(toRunRow);
  const files = new Set(rows.map((r) => r.logFile.id)).size;
  const windows = rows.reduce((sum, r) => sum + (r.windowCount ?? 0), 0);
  const flagged = rows.reduce((sum, r) => sum + (r.counts?.ensemble ?? 0), 0);
  const active = rows.filter((r) => isActive(r.status)).length;
  const streaming = rows.filter((r) => r.status === "live").length;

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every detection run: its log, format, features, parameters, what each model flagged and, with ground truth, the ensemble's F1."
        actions={
          <>
            {rows.length > 1 && (
              <ButtonLink href="/compare" variant="secondary">
                Compare runs
              </ButtonLink>
            )}
            <ButtonLink href="/runs/new" variant="primary">
              <PlusIcon size={15} />
              New run
            </ButtonLink>
          </>
        }
      />
      {rows.length === 0 ? (
        <Card>
          <EmptyState
            title="No runs yet"
            icon={<ActivityIcon size={40} />}
            action={
              <ButtonLink href="/runs/new" variant="primary">
                <PlusIcon size={15} />
                Start a new run
              </ButtonLink>
            }
          >
            Upload a log in any common format — syslog, JSON lines, web access logs, container logs, a Loghub log — and Logscope
            detects the format by itself. Choose the window size and thresholds, and three detectors — Isolation Forest, DBSCAN
            and an autoencoder — vote on every time window.
          </EmptyState>
        </Card>
      ) : (
        <>
          <div className="mb-5 grid grid-cols-2 gap-px md:grid-cols-4 overflow-hidden rounded-lg border border-slate-200 bg-slate-200">
            <div className="bg-white px-4 py-3"><Stat label="Runs" value={formatCount(page.total)} note={`${formatCount(files)} log file${files === 1 ? "" : "s"}`} /></div>
            <div className="bg-white px-4 py-3"><Stat label="Windows analysed" value={formatCount(windows)} /></div>
            <div className="bg-white px-4 py-3"><Stat label="Ensemble anomalies" value={formatCount(flagged)} accent="#dc2626" /></div>
            <div className="bg-white px-4 py-3"><Stat label="In progress" value={formatCount(active)} note={`${active > 0 ? "updating live" : "no job running"}${streaming > 0 ? ` · ${formatCount(streaming)} live stream${streaming === 1 ? "" : "s"}` : ""}`} /></div>
          </div>
          {streams.length > 0 && <StreamsCard streams={streams} />}
          <Card label="Runs">
            <RunsTable runs={rows} now={Date.now()} />
          </Card>
          {page.total > rows.length && (
            <p className="mt-3 text-xs text-slate-500">Showing the newest {rows.length} of {formatCount(page.total)} runs.</p>
          )}
        </>
      )}
    </>
  );
}
