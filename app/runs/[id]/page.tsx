import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { cache, Suspense } from "react";
import { preload } from "react-dom";
import { loadRunSeries, seriesUrl, seriesVersionOf } from "@/lib/server/runs/load-run-series";
import { scoredWithModelCuts, storedSettings } from "@/lib/server/runs/relabel-run";
import { getStreamFacts, toRunView } from "@/lib/server/runs/run-view";
import { LiveRunPanel } from "@/components/live/live-run-panel";
import { liveSignature } from "@/lib/ui/live-run";
import { parseId } from "@/lib/domain/parse-id";
import { RunExplorer } from "@/components/run/run-explorer";
import { RunHeader } from "@/components/run/run-header";
import { RunPending } from "@/components/run/run-pending";
import { RunSkeleton } from "@/components/run/run-skeleton";
import { RunFailed } from "@/components/run/run-failed";
import { getRun } from "@/lib/db/get-run";
import { hasResults, isActive } from "@/lib/domain/types";
import { listJobs } from "@/lib/db/list-jobs";
import { listPresets } from "@/lib/db/list-presets";
import { listWindows } from "@/lib/db/list-windows";
import { featureNamesFor } from "@/lib/logs/types";
import type { RunWithLogFile } from "@/lib/db/types";
import {
  decodeRunView, invalidThresholds, invalidThresholdsSentence, pickThresholds, TABLE_PAGE_SIZE, windowsApiQuery, type RunViewState,
} from "@/lib/ui/url-state";
import { readWindowRow, type WindowRow } from "@/lib/ui/window-rows";
import { requirePageAccess } from "@/lib/server/auth/require-page-access";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// The title and the page read the run once per request.
const loadRun = cache((id: number) => getRun(id));


export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const run = id === null ? null : await loadRun(id);
  return { title: run ? `Run #${run.id} · ${run.logFile.originalName}` : "Run not found" };
}

export default async function RunPage({ params, searchParams }: Props) {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  await requirePageAccess(`/runs/${(await params).id}`);
  const id = parseId((await params).id);
  const run = id === null ? null : await loadRun(id);
  if (!run) notFound();
  const query = await searchParams;
  const view = decodeRunView(query);
  const ignored = invalidThresholdsSentence(invalidThresholds(query));

  if (isActive(run.status)) {
    // The same view the status poller reads from GET /api/runs/:id, so the first paint matches it.
    const [job] = await listJobs({ runId: run.id, limit: 1 });
    const pending = toRunView(run, job ?? null);
    return (
      <>
        <RunHeader run={run} />
        <RunPending initial={{ id: pending.id, status: pending.status, progress: pending.progress, message: pending.message, error: pending.error }} />
      </>
    );
  }
  if (!hasResults(run.status)) {
    return (
      <>
        <RunHeader run={run} />
        {/* Only what it renders: passing `run` itself would send its server paths and the log's hash. */}
        <RunFailed run={{ id: run.id, logFileId: run.logFileId, status: run.status, error: run.error, params: run.params }} />
      </>
    );
  }

  return (
    <>
      <RunHeader run={run} />
      {scoredWithModelCuts(run) && <StreamPanel run={run} />}
      {ignored && (
        <p role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
          {ignored}
        </p>
      )}
      {/* The header is out (and a missing run already answered 404) before the windows are read. */}
      <Suspense fallback={<RunSkeleton />}>
        <RunBody run={run} view={view} />
      </Suspense>
    </>
  );
}

/** Anomalies the live panel reads to announce new ones: the latest by time (stored labels). */
const RECENT_ANOMALIES = 20;

/** A stream's run (issue #17): its stream's facts and, while live, the page's updates and announcements. */
async function StreamPanel({ run }: { run: RunWithLogFile }) {
  const [stream, recent] = await Promise.all([
    getStreamFacts(run.id),
    listWindows({ runId: run.id, filter: "ensemble", sort: "time", direction: "desc", page: 1, pageSize: RECENT_ANOMALIES }),
  ]);
  if (!stream) return null;
  return (
    <LiveRunPanel
      runId={run.id}
      stream={stream}
      live={run.status === "live"}
      signature={liveSignature({ status: run.status, windowCount: run.windowCount, logFile: run.logFile })}
      anomalies={recent.windows.map((w) => ({ index: w.index, start: w.start, end: w.end }))}
      ensembleCount={run.counts?.ensemble ?? 0}
    />
  );
}

/**
 * The explorer with what the server has at hand: counts, presets, the first table page. The
 * per-window data (1.3 MB for 50k windows) is not in the HTML: the browser fetches it as binary
 * columns from the series route, starting from the <head> (preload) while the scripts load.
 */
async function RunBody({ run, view }: { run: RunWithLogFile; view: RunViewState }) {
  const base = storedSettings(run);
  const featureNames = featureNamesFor(run.params.features);
  const url = seriesUrl(run, [0, Math.max(featureNames.indexOf(view.feature), 0)]);
  // Same mode and credentials as the explorer's fetch(url), so the browser reuses this response.
  preload(url, { as: "fetch", crossOrigin: "anonymous" });
  // Read the windows (0.2-0.3 s for 50k) as soon as this HTML is out, if the browser's request
  // (sent from the <head>) has not started the read already: it then finds them cached or in progress.
  after(() => loadRunSeries(run).then(() => undefined, () => undefined));
  // The first table page comes with the HTML when the URL keeps the run's own thresholds (the
  // stored labels are exactly those) and asks for no search; the rest is the windows API's job
  // (lib/server/runs/run-windows.ts).
  const overrides = pickThresholds(view);
  const own = view.q === undefined && Object.entries(overrides).every(([k, v]) => base[k as keyof typeof base] === v);
  const direction = view.direction ?? (view.sort === "time" ? "asc" : "desc");
  // (The evaluation's DBSCAN curve of a labelled run fetches the stored core distances itself, from
  // the series route: reading them here would hold the HTML back by the whole scores read.)
  const [presets, page] = await Promise.all([
    listPresets(run.id),
    own
      ? listWindows({ runId: run.id, filter: view.filter, sort: view.sort, direction, page: view.page, pageSize: view.pageSize ?? TABLE_PAGE_SIZE, from: view.from, to: view.to })
      : null,
  ]);
  const initialTable = page && {
    query: windowsApiQuery(base, { filter: view.filter, sort: view.sort, direction, page: view.page, pageSize: view.pageSize, from: view.from, to: view.to }),
    data: {
      rows: page.windows.map(readWindowRow).filter((r): r is WindowRow => r !== null),
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
      pageCount: page.pageCount,
    },
  };

  return (
    <RunExplorer
      runId={run.id}
      seriesUrl={url}
      version={seriesVersionOf(run)}
      summary={{ windowCount: run.windowCount ?? 0, featureNames, counts: run.counts, ifThreshold: run.ifThreshold, aeThreshold: run.aeThreshold }}
      base={base}
      initialView={view}
      presets={presets.map((p) => ({ id: p.id, name: p.name, contamination: p.contamination, aePercentile: p.aePercentile, eps: p.eps, minSamples: p.minSamples, votes: p.votes }))}
      initialTable={initialTable}
      truth={run.truth}
      choices={run.thresholdChoices}
      modelCuts={scoredWithModelCuts(run)}
      live={run.status === "live"}
    />
  );
}
