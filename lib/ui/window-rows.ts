import { FEATURE_NAMES } from "@/lib/logs/types";

/**
 * Window rows as the table and the window page show them, read from the windows API (or built from
 * lib/db records on the server). Reading is tolerant of naming (`features` array or named
 * columns, nested `labels` or flat flags) so a response shape change degrades to dashes rather
 * than a crash.
 */

export interface WindowRow {
  index: number;
  start: number;
  end: number;
  features: number[];
  ifScore: number;
  aeError: number;
  /** Infinity = no DBSCAN core point at all. */
  dbscanDistance: number;
  labels: { isolationForest: boolean; dbscan: boolean; autoencoder: boolean; ensemble: boolean };
  modelVotes: number;
}

/**
 * A window's standing against ground truth, under the current thresholds: the ensemble flags a
 * labelled window (true positive), flags a window nobody labelled (false positive), or misses a
 * labelled one (false negative). The per-window form of lib/detectors/evaluate-labels.ts's counts,
 * with the same rule (predicted and labelled: TP; predicted only: FP; labelled only: FN).
 */
import type { TruthMark } from "@/lib/domain/types";
export { TRUTH_MARKS, type TruthMark } from "@/lib/domain/types";

/** The mark of one window, or null for a true negative (neither flagged nor labelled). */
export function truthMarkOf(flagged: boolean, labelled: boolean): TruthMark | null {
  if (flagged) return labelled ? "tp" : "fp";
  return labelled ? "fn" : null;
}

export interface WindowPageData {
  rows: WindowRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** What a text search looked at ("log lines and templates"); null without a search. */
  searchScope?: string | null;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = NaN): number => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : fallback);
const flag = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "true";
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function readFeatures(body: Dict): number[] {
  const list = Array.isArray(body.features) ? body.features : Array.isArray(body.values) ? body.values : null;
  if (list) return FEATURE_NAMES.map((_, f) => num(list[f]));
  const named = isDict(body.features) ? body.features : body;
  return FEATURE_NAMES.map((name) => num(named[name] ?? named[camel(name)]));
}

function readTime(v: unknown): number {
  if (typeof v === "string" && !/^\d+(\.\d+)?$/.test(v)) return Date.parse(v) / 1000;
  return num(v);
}

export function readWindowRow(value: unknown): WindowRow | null {
  if (!isDict(value)) return null;
  const index = num(value.index);
  if (!Number.isInteger(index)) return null;
  const labels = isDict(value.labels) ? value.labels : {};
  const pick = (key: string, flat: string) => flag(labels[key] ?? value[flat]);
  const row: WindowRow = {
    index,
    start: readTime(value.start ?? value.windowStart ?? value.window_start),
    end: readTime(value.end ?? value.windowEnd ?? value.window_end),
    features: readFeatures(value),
    ifScore: num(value.ifScore ?? (isDict(value.scores) ? value.scores.isolationForest : undefined)),
    aeError: num(value.aeError ?? (isDict(value.scores) ? value.scores.autoencoder : undefined)),
    dbscanDistance: value.dbscanDistance === null ? Infinity : num(value.dbscanDistance, Infinity),
    labels: {
      isolationForest: pick("isolationForest", "ifAnomaly"),
      dbscan: pick("dbscan", "dbscanAnomaly"),
      autoencoder: pick("autoencoder", "aeAnomaly"),
      ensemble: pick("ensemble", "ensembleAnomaly"),
    },
    modelVotes: 0,
  };
  const votes = num(value.modelVotes);
  row.modelVotes = Number.isFinite(votes) ? votes : [row.labels.isolationForest, row.labels.dbscan, row.labels.autoencoder].filter(Boolean).length;
  return row;
}

export function readWindowPage(json: unknown): WindowPageData | null {
  if (!isDict(json)) return null;
  const list = Array.isArray(json.windows) ? json.windows : Array.isArray(json.rows) ? json.rows : Array.isArray(json.items) ? json.items : null;
  if (!list) return null;
  const rows = list.map(readWindowRow).filter((r): r is WindowRow => r !== null);
  const pageSize = num(json.pageSize, rows.length || 1);
  const total = num(json.total, rows.length);
  return {
    rows,
    total,
    page: num(json.page, 1),
    pageSize,
    pageCount: num(json.pageCount, Math.max(Math.ceil(total / Math.max(pageSize, 1)), 1)),
    searchScope: typeof json.searchScope === "string" ? json.searchScope : null,
  };
}
