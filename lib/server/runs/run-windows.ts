import "server-only";
import type { AnomalyCounts, LabelSettings } from "@/lib/domain/types";
import { getWindowsByIndex } from "@/lib/db/get-windows-by-index";
import { listWindows, type SortDirection, type WindowFilter, type WindowSort } from "@/lib/db/list-windows";
import { windowIndexSpan } from "@/lib/db/window-index-span";
import type { WindowRecord } from "@/lib/db/types";
import { readWindowLines, type WindowLines } from "@/lib/pipeline/read-window-lines";
import { localCopy } from "@/lib/storage/local-copy";
import { getFinishedRun, relabelRun, storedSettings, type RunLabels } from "./relabel-run";
import { sameThresholds } from "@/lib/ui/url-state";
import { truthMarkOf } from "@/lib/ui/window-rows";
import { searchRunWindows } from "./window-search";
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
  /** Only windows starting in [from, to) (Unix seconds), e.g. the run page's zoomed timeline. */
  from?: number;
  to?: number;
  /** Only windows whose lines or templates contain this text (window-search.ts). */
  q?: string;
}

export interface WindowsPage {
  runId: number;
  filter: WindowFilter;
  sort: WindowSort;
  direction: SortDirection;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Windows matching the filter (and range and search). */
  total: number;
  /** The time range and search applied, as asked; null when none. */
  from: number | null;
  to: number | null;
  q: string | null;
  /** What the search looked at (window-search.ts), e.g. "log lines and templates"; null without a search. */
  searchScope: string | null;
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

/** Which windows a listing keeps besides its filter: a run of indices (time range) and a search's matches. */
interface WindowScope {
  first: number;
  end: number;
  search: Uint8Array | null;
  /** 1 for each window the run's ground truth labels anomalous; null without truth. */
  truth: Uint8Array | null;
}

function matches(filter: WindowFilter, r: RunLabels, scope: WindowScope, i: number): boolean {
  if (i < scope.first || i >= scope.end || (scope.search && scope.search[i] !== 1)) return false;
  const l = r.relabelling.labels;
  switch (filter) {
    case "all":
      return true;
    case "ensemble":
      return l.ensemble[i] === 1;
    case "any":
      return (r.votes[i] ?? 0) > 0;
    case "tp":
    case "fp":
    case "fn":
      return scope.truth !== null && truthMarkOf(l.ensemble[i] === 1, scope.truth[i] === 1) === filter;
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
function pageIndices(r: RunLabels, scope: WindowScope, filter: WindowFilter, sort: WindowSort, direction: SortDirection, page: number, pageSize: number) {
  const n = Math.min(r.votes.length, scope.end);
  const picked: number[] = [];
  for (let i = scope.first; i < n; i++) if (matches(filter, r, scope, i)) picked.push(i);
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
  const range = query.from !== undefined && query.to !== undefined && query.from < query.to ? { from: query.from, to: query.to } : null;
  const q = query.q?.trim() || null;
  const otherLabels = await labelsFor(runId, query.thresholds);
  const base = { runId, filter, sort, direction, page, pageSize, from: range?.from ?? null, to: range?.to ?? null, q };
  if (!otherLabels && !q) {
    // The run's own labels are the stored columns: the database filters, sorts and pages.
    const result = await listWindows({ runId, filter, sort, direction, page, pageSize, ...range });
    return {
      ...base,
      pageCount: result.pageCount,
      total: result.total,
      searchScope: null,
      thresholds: storedSettings(run),
      trained: true,
      counts: run.counts ?? { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 },
      windows: result.windows.map((w) => toWindowView(w)),
    };
  }
  // A search (or other thresholds) filters in memory: the run's labels under the thresholds, the
  // search's matches and the truth, one pass over the windows of the range.
  const relabelled = otherLabels ?? (await relabelRun(runId));
  const search = q ? await searchRunWindows(run, q) : null;
  const span = range ? await windowIndexSpan(runId, range.from, range.to) : { first: 0, end: relabelled.votes.length };
  const truth = run.truth ? new Uint8Array(relabelled.votes.length) : null;
  for (const w of run.truth?.windows ?? []) if (truth && w < truth.length) truth[w] = 1;
  const scope: WindowScope = { ...span, search: search?.matches ?? null, truth };
  const { total, indices } = pageIndices(relabelled, scope, filter, sort, direction, page, pageSize);
  const records = await getWindowsByIndex(runId, indices);
  return {
    ...base,
    pageCount: Math.max(Math.ceil(total / pageSize), 1),
    total,
    searchScope: search?.scope ?? null,
    thresholds: relabelled.settings,
    trained: relabelled.stored,
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
  // From a bucket the log is copied to this server once (lib/storage/local-copy.ts); a missing one is ENOENT either way.
  const text = await localCopy(run.logFile.storedPath).then((path) => readWindowLines(path, w.lineRanges)).catch((error: unknown) => {
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
