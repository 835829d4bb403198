import "server-only";
import type { AnomalyCounts, LabelSettings } from "@/lib/domain/types";
import { resolveStoredPath } from "@/lib/db/database-location";
import { getWindowsByIndex } from "@/lib/db/get-windows-by-index";
import { listWindows, type SortDirection, type WindowFilter, type WindowSort } from "@/lib/db/list-windows";
import type { WindowRecord } from "@/lib/db/types";
import { readWindowLines, type WindowLines } from "@/lib/pipeline/read-window-lines";
import { getFinishedRun, relabelRun, storedSettings, type RunLabels } from "./relabel-run";
import { sameThresholds } from "@/lib/ui/url-state";
import { notFound } from "@/lib/server/http/service-error";
import { toWindowView, type WindowView } from "./window-view";

export interface WindowQuery {
  filter?: WindowFilter;
  sort?: WindowSort;
  direction?: SortDirection;
  /** 1-based. */
  page?: number;
  /** At most 1000. */
  pageSize?: number;
  /** Labelling thresholds to view the windows under; absent fields keep the run's own. */
  thresholds?: Partial<LabelSettings>;
}

export interface WindowsPage {
  runId: number;
  filter: WindowFilter;
  sort: WindowSort;
  direction: SortDirection;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Windows matching the filter. */
  total: number;
  /** The thresholds the labels are under, and whether they are the run's trained ones. */
  thresholds: LabelSettings;
  trained: boolean;
  counts: AnomalyCounts;
  windows: WindowView[];
}

const hasOverrides = (t: Partial<LabelSettings> | undefined) => !!t && Object.values(t).some((v) => v !== undefined);

/** The run's labels under `thresholds`, or null when they are the stored ones (read them from the rows). */
export async function labelsFor(runId: number, thresholds?: Partial<LabelSettings>): Promise<RunLabels | null> {
  if (!hasOverrides(thresholds)) return null;
  const run = await getFinishedRun(runId);
  const settings = { ...storedSettings(run), ...thresholds };
  if (sameThresholds(settings, storedSettings(run))) return null;
  return relabelRun(runId, thresholds);
}

/** One stored window by index, or null. */
export async function fetchWindow(runId: number, index: number): Promise<WindowRecord | null> {
  return (await getWindowsByIndex(runId, [index]))[0] ?? null;
}

function matches(filter: WindowFilter, r: RunLabels, i: number): boolean {
  const l = r.relabelling.labels;
  switch (filter) {
    case "all":
      return true;
    case "ensemble":
      return l.ensemble[i] === 1;
    case "any":
      return (r.votes[i] ?? 0) > 0;
    default:
      return l[filter][i] === 1;
  }
}

function sortKey(sort: WindowSort, r: RunLabels): ArrayLike<number> | null {
  switch (sort) {
    case "ifScore":
      return r.scores.isolationForest;
    case "aeError":
      return r.scores.autoencoder;
    case "dbscanDistance":
      return r.relabelling.dbscanDistance;
    case "modelVotes":
      return r.votes;
    default:
      return null;
  }
}

/** Filters, sorts and pages window indices under relabelled labels (ties in time order, as lib/db). */
function pageIndices(r: RunLabels, filter: WindowFilter, sort: WindowSort, direction: SortDirection, page: number, pageSize: number) {
  const n = r.votes.length;
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (matches(filter, r, i)) picked.push(i);
  const key = sortKey(sort, r);
  const sign = direction === "asc" ? 1 : -1;
  if (key) picked.sort((a, b) => sign * ((key[a] as number) - (key[b] as number) || 0) || a - b);
  else if (direction === "desc") picked.reverse();
  return { total: picked.length, indices: picked.slice((page - 1) * pageSize, page * pageSize) };
}

/** A page of a run's windows, under its trained labels or relabelled on the fly. */
export async function listRunWindows(runId: number, query: WindowQuery = {}): Promise<WindowsPage> {
  const run = await getFinishedRun(runId);
  const filter = query.filter ?? "all";
  const sort = query.sort ?? "time";
  const direction = query.direction ?? (sort === "time" ? "asc" : "desc");
  const pageSize = Math.min(Math.max(Math.trunc(query.pageSize ?? 100), 1), 1000);
  const page = Math.max(Math.trunc(query.page ?? 1), 1);
  const relabelled = await labelsFor(runId, query.thresholds);
  const base = { runId, filter, sort, direction, page, pageSize };
  if (!relabelled) {
    const result = await listWindows({ runId, filter, sort, direction, page, pageSize });
    return {
      ...base,
      pageCount: result.pageCount,
      total: result.total,
      thresholds: storedSettings(run),
      trained: true,
      counts: run.counts ?? { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 },
      windows: result.windows.map((w) => toWindowView(w)),
    };
  }
  const { total, indices } = pageIndices(relabelled, filter, sort, direction, page, pageSize);
  const records = await getWindowsByIndex(runId, indices);
  return {
    ...base,
    pageCount: Math.max(Math.ceil(total / pageSize), 1),
    total,
    thresholds: relabelled.settings,
    trained: false,
    counts: relabelled.counts,
    windows: records.map((w) => toWindowView(w, relabelled)),
  };
}

export interface WindowDetail extends WindowLines {
  runId: number;
  thresholds: LabelSettings;
  trained: boolean;
  window: WindowView;
}

/** One window with its raw lines from the stored upload (drill-down). */
export async function getRunWindow(runId: number, index: number, thresholds?: Partial<LabelSettings>): Promise<WindowDetail> {
  const run = await getFinishedRun(runId);
  const w = await fetchWindow(runId, index);
  if (!w) throw notFound(`Run ${runId} has no window ${index}.`);
  const relabelled = await labelsFor(runId, thresholds);
  const text = await readWindowLines(resolveStoredPath(run.logFile.storedPath), w.lineRanges).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw notFound(`The stored copy of ${run.logFile.originalName} is no longer on the server.`);
    throw error;
  });
  return {
    runId,
    thresholds: relabelled?.settings ?? storedSettings(run),
    trained: relabelled === null,
    window: toWindowView(w, relabelled ?? undefined),
    ...text,
  };
}
