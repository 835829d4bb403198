import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { RunsTable } from "@/components/runs/runs-table";
import type { RunRow } from "@/components/runs/run-row-types";
import { listJobs } from "@/lib/db/list-jobs";
import { listRuns } from "@/lib/db/list-runs";
import { formatCount } from "@/lib/ui/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const [page, activeJobs] = await Promise.all([
    listRuns({ pageSize: 200 }),
    listJobs({ statuses: ["queued", "running"], limit: 200 }),
  ]);
  const jobByRun = new Map(activeJobs.filter((j) => j.runId !== null).map((j) => [j.runId as number, j]));
  const rows: RunRow[] = page.runs.map((run) => {
    const job = jobByRun.get(run.id);
    return {
      id: run.id,
      logFileId: run.logFileId,
      fileName: run.logFile.originalName,
      fileSize: run.logFile.size,
      fileLines: run.logFile.lines,
      createdAt: run.createdAt.getTime(),
      finishedAt: run.finishedAt ? run.finishedAt.getTime() : null,
      status: run.status,
      params: run.params,
      windowCount: run.windowCount,
      counts: run.counts,
      error: run.error,
      progress: job?.progress ?? 0,
      message: job?.message ?? null,
    };
  });
  const files = new Set(rows.map((r) => r.logFileId)).size;
  const windows = rows.reduce((sum, r) => sum + (r.windowCount ?? 0), 0);
  const flagged = rows.reduce((sum, r) => sum + (r.counts?.ensemble ?? 0), 0);
  const active = rows.filter((r) => r.status === "queued" || r.status === "running").length;

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every detection run: its log, parameters and what each model flagged."
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
            Upload a syslog file (BSD format, like Loghub&apos;s Linux_2k.log), choose the window size and thresholds, and three
            detectors — Isolation Forest, DBSCAN and an autoencoder — vote on every time window.
          </EmptyState>
        </Card>
      ) : (
        <>
          <div className="mb-5 grid grid-cols-4 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200">
            <div className="bg-white px-4 py-3"><Stat label="Runs" value={formatCount(page.total)} note={`${formatCount(files)} log file${files === 1 ? "" : "s"}`} /></div>
            <div className="bg-white px-4 py-3"><Stat label="Windows analysed" value={formatCount(windows)} /></div>
            <div className="bg-white px-4 py-3"><Stat label="Ensemble anomalies" value={formatCount(flagged)} accent="#dc2626" /></div>
            <div className="bg-white px-4 py-3"><Stat label="In progress" value={formatCount(active)} note={active > 0 ? "updating live" : "no job running"} /></div>
          </div>
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
