import type { LabelSettingKey, LabelSettings, ThresholdOverrides } from "@/lib/domain/types";
import { parseId } from "@/lib/domain/parse-id";
import { EXTENDED_FEATURE_NAMES, type ExtendedFeatureName } from "@/lib/logs/types";
import { SCORE_SERIES_KEYS, type ScoreSeriesKey } from "./timeline-series";
import { TRUTH_MARKS } from "./window-rows";

/**
 * What the Run page keeps in its URL, so a link reproduces exactly what an analyst looked at:
 * thresholds, table filter / sort / page / page size / search, timeline feature and zoom (which is
 * also the table's time range), and the selected window.
 * Only values that differ from the defaults are written; anything invalid reads as the default
 * (a hand-edited or stale link degrades instead of failing the page).
 */

/** The models' filters, then the ground-truth marks (lib/ui/window-rows.ts TRUTH_MARKS) of a run with labels. */
export const TABLE_FILTERS = ["all", "ensemble", "any", "isolationForest", "dbscan", "autoencoder", ...TRUTH_MARKS] as const;
export type TableFilter = (typeof TABLE_FILTERS)[number];
export const TABLE_SORTS = ["time", "ifScore", "aeError", "dbscanDistance", "modelVotes"] as const;
export type TableSort = (typeof TABLE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export interface RunViewState extends ThresholdOverrides {
  filter: TableFilter;
  sort: TableSort;
  /** Absent = the sort's natural direction (time ascending, scores descending). */
  direction?: SortDirection;
  page: number;
  /** Rows per table page, one of TABLE_PAGE_SIZES; absent = the first. */
  pageSize?: number;
  /** Table text search (lib/server/runs/window-search.ts says what it searches); absent = none. */
  q?: string;
  /** Any of the thirteen names; a seed run shows event_count for the five it does not have. */
  feature: ExtendedFeatureName;
  /** A score plotted on the timeline instead of the feature (lib/ui/timeline-series.ts); absent = the feature. */
  score?: ScoreSeriesKey;
  /** Timeline zoom and the table's time range (windows starting in [from, to)), Unix seconds. */
  from?: number;
  to?: number;
  /** Selected window index. */
  window?: number;
}

export const DEFAULT_VIEW: RunViewState = { filter: "ensemble", sort: "time", page: 1, feature: "event_count" };

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function readParam(params: SearchParamsLike, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === "" ? undefined : first.trim();
}

interface NumberRule {
  min: number;
  max: number;
  /** Exclusive bounds. */
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
}

/**
 * The same bounds as lib/pipeline/threshold-params.ts (a unit test holds them to it), so a URL can
 * never ask the API for a refused value. Kept as plain numbers because this module runs in the
 * browser, which does not load zod; keyed by the domain's label settings, so TypeScript demands a
 * rule for every threshold.
 */
export const THRESHOLD_RULES: Record<LabelSettingKey, NumberRule> = {
  contamination: { min: 0, max: 0.5, minOpen: true },
  aePercentile: { min: 0, max: 100, minOpen: true, maxOpen: true },
  eps: { min: 0, max: 1000, minOpen: true },
  minSamples: { min: 1, max: 10000, integer: true },
  votes: { min: 1, max: 3, integer: true },
};

/** The threshold names in URL order (LABEL_SETTING_KEYS' order, without importing zod into the browser). */
export const THRESHOLD_KEYS: readonly LabelSettingKey[] = Object.keys(THRESHOLD_RULES) as LabelSettingKey[];

/** True when both sets of thresholds are the same numbers. */
export function sameThresholds(a: LabelSettings, b: LabelSettings): boolean {
  return THRESHOLD_KEYS.every((key) => a[key] === b[key]);
}

/** The thresholds of `settings` that differ from `base`, as a URL carries them. */
export function changedThresholds(settings: LabelSettings, base: LabelSettings): ThresholdOverrides {
  const out: ThresholdOverrides = {};
  for (const key of THRESHOLD_KEYS) if (settings[key] !== base[key]) out[key] = settings[key];
  return out;
}

export function checkNumber(value: number, rule: NumberRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.minOpen ? value <= rule.min : value < rule.min) return false;
  if (rule.maxOpen ? value >= rule.max : value > rule.max) return false;
  return true;
}

function readNumber(params: SearchParamsLike, key: string, rule: NumberRule): number | undefined {
  const text = readParam(params, key);
  if (text === undefined || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return checkNumber(value, rule) ? value : undefined;
}

function readChoice<T extends string>(params: SearchParamsLike, key: string, choices: readonly T[]): T | undefined {
  const text = readParam(params, key);
  return choices.find((c) => c === text);
}

const WHOLE = { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true };

/** The Run page state from its search params; invalid or missing values give the defaults. */
export function decodeRunView(params: SearchParamsLike): RunViewState {
  const state: RunViewState = {
    filter: readChoice(params, "filter", TABLE_FILTERS) ?? DEFAULT_VIEW.filter,
    sort: readChoice(params, "sort", TABLE_SORTS) ?? DEFAULT_VIEW.sort,
    page: readNumber(params, "page", { min: 1, max: 1e9, integer: true }) ?? 1,
    feature: readChoice(params, "feature", EXTENDED_FEATURE_NAMES) ?? DEFAULT_VIEW.feature,
  };
  const direction = readChoice(params, "dir", ["asc", "desc"] as const);
  if (direction) state.direction = direction;
  const score = readChoice(params, "score", SCORE_SERIES_KEYS);
  if (score) state.score = score;
  const pageSize = TABLE_PAGE_SIZES.find((size) => String(size) === readParam(params, "size"));
  if (pageSize !== undefined && pageSize !== TABLE_PAGE_SIZE) state.pageSize = pageSize;
  // A blank search is no search (encodeRunView drops it too).
  const q = readParam(params, "q")?.trim();
  if (q) state.q = q.slice(0, MAX_SEARCH_CHARS);
  for (const key of THRESHOLD_KEYS) {
    const value = readNumber(params, key, THRESHOLD_RULES[key]);
    if (value !== undefined) state[key] = value;
  }
  const from = readNumber(params, "from", WHOLE);
  const to = readNumber(params, "to", WHOLE);
  if (from !== undefined && to !== undefined && from < to) {
    state.from = from;
    state.to = to;
  }
  const selected = parseId(readParam(params, "w"), "window");
  if (selected !== null) state.window = selected;
  return state;
}

/**
 * The thresholds a link gives that decodeRunView ignores (not a number, or out of range), as
 * `name=value` texts in the order of THRESHOLD_KEYS, so the run page can say so instead of
 * silently showing other settings than the link promised.
 */
export function invalidThresholds(params: SearchParamsLike): string[] {
  return THRESHOLD_KEYS.flatMap((key) => {
    const text = readParam(params, key);
    return text !== undefined && readNumber(params, key, THRESHOLD_RULES[key]) === undefined ? [`${key}=${text.slice(0, 40)}`] : [];
  });
}

/** The sentence for invalidThresholds' list, or null when it is empty. */
export function invalidThresholdsSentence(invalid: readonly string[]): string | null {
  if (invalid.length === 0) return null;
  const one = invalid.length === 1;
  return `This link's ${invalid.join(", ")} ${one ? "is not a valid value" : "are not valid values"}, so the run's own ${one ? "setting is" : "settings are"} shown instead.`;
}

/**
 * Text of a number for URLs and API queries: float noise from slider arithmetic (0.1 + 0.2) is
 * rounded away, but a value that really has many digits (an automatic eps such as
 * 1.397604895420185) is kept exactly, so the server sees the run's own setting and not a neighbour.
 */
export function formatParamNumber(value: number): string {
  const short = Number(value.toPrecision(12));
  return Math.abs(short - value) <= Math.abs(value) * Number.EPSILON * 4 ? String(short) : String(value);
}

/** The search params for a state, defaults left out, in a stable order. */
export function encodeRunView(state: Partial<RunViewState>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of THRESHOLD_KEYS) {
    const value = state[key];
    if (value !== undefined && checkNumber(value, THRESHOLD_RULES[key])) out.set(key, formatParamNumber(value));
  }
  if (state.filter && state.filter !== DEFAULT_VIEW.filter) out.set("filter", state.filter);
  if (state.sort && state.sort !== DEFAULT_VIEW.sort) out.set("sort", state.sort);
  if (state.direction) out.set("dir", state.direction);
  if (state.page && state.page > 1) out.set("page", String(Math.trunc(state.page)));
  if (state.pageSize !== undefined && state.pageSize !== TABLE_PAGE_SIZE && TABLE_PAGE_SIZES.includes(state.pageSize)) out.set("size", String(state.pageSize));
  setSearch(out, state.q);
  if (state.feature && state.feature !== DEFAULT_VIEW.feature) out.set("feature", state.feature);
  if (state.score) out.set("score", state.score);
  setRange(out, state.from, state.to);
  if (state.window !== undefined && state.window >= 0) out.set("w", String(Math.trunc(state.window)));
  return out;
}

/** "?a=1&b=2", or "" when there is nothing to say. */
export function toQueryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Only the threshold part of a state (what window pages and exports carry along). */
export function pickThresholds(state: ThresholdOverrides): ThresholdOverrides {
  const out: ThresholdOverrides = {};
  for (const key of THRESHOLD_KEYS) {
    if (state[key] !== undefined) out[key] = state[key];
  }
  return out;
}

/** The compare page's two run ids (lib/domain/parse-id's rule). */
export function decodeCompare(params: SearchParamsLike): { a?: number; b?: number } {
  return { a: parseId(readParam(params, "a")) ?? undefined, b: parseId(readParam(params, "b")) ?? undefined };
}

/**
 * The page sizes the windows table offers, the first being the default. The windows API's zod
 * schema (lib/server/http/request-input.ts, pageSize at most 1000) validates the request itself.
 */
export const TABLE_PAGE_SIZES: readonly number[] = [25, 50, 100, 250];
/** Rows per page of the Run page's windows table unless the URL says otherwise. */
export const TABLE_PAGE_SIZE = 25;
/** Longest table search kept (a pasted log line is plenty). */
export const MAX_SEARCH_CHARS = 200;

/** Every threshold spelled out, for API requests and exports (the server then needs no idea of "the run's own"). */
export function thresholdQuery(settings: LabelSettings): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of THRESHOLD_KEYS) query.set(key, formatParamNumber(settings[key]));
  return query;
}

/** The query of one windows-table page for GET /api/runs/:id/windows, in one canonical order. */
export function windowsApiQuery(
  settings: LabelSettings,
  table: Pick<RunViewState, "filter" | "sort" | "page" | "pageSize" | "q" | "from" | "to"> & { direction: SortDirection },
): string {
  const query = thresholdQuery(settings);
  query.set("filter", table.filter);
  query.set("sort", table.sort);
  query.set("direction", table.direction);
  query.set("page", String(table.page));
  query.set("pageSize", String(table.pageSize ?? TABLE_PAGE_SIZE));
  // Absent unless set, so a page without range or search keeps the query the server prerendered.
  setRange(query, table.from, table.to);
  setSearch(query, table.q);
  return query.toString();
}

/** A time range as whole seconds that still cover it, only when both ends are there and in order. */
function setRange(query: URLSearchParams, from: number | undefined, to: number | undefined): void {
  if (from === undefined || to === undefined || !(from < to)) return;
  query.set("from", String(Math.floor(from)));
  query.set("to", String(Math.ceil(to)));
}

/** A search as typed, trimmed and cut to MAX_SEARCH_CHARS; nothing when blank. */
function setSearch(query: URLSearchParams, q: string | undefined): void {
  const text = q?.trim();
  if (text) query.set("q", text.slice(0, MAX_SEARCH_CHARS));
}
