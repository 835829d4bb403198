import { lowerBound } from "./decimate-series";
import { formatCount, formatDuration, formatUtcShort } from "./format";
import type { SeverityLaneKey, LaneSeverities } from "./severity-lanes";
import { severityPercent } from "./top-anomalies";

/**
 * What the timeline can plot besides the run's features: the ensemble's severity and each
 * detector's score, and the chart's text description (rounded numbers, for screen readers and
 * anyone who wants the gist without reading the chart).
 */

export const SCORE_SERIES = [
  { key: "score:ensemble", label: "Ensemble severity (0–100)" },
  { key: "score:isolationForest", label: "Isolation Forest score" },
  { key: "score:autoencoder", label: "Autoencoder error" },
  { key: "score:dbscan", label: "DBSCAN distance rank (0–100)" },
] as const;

export type ScoreSeriesKey = (typeof SCORE_SERIES)[number]["key"];
export const SCORE_SERIES_KEYS: readonly ScoreSeriesKey[] = SCORE_SERIES.map((s) => s.key);

export const isScoreSeries = (value: string): value is ScoreSeriesKey => SCORE_SERIES.some((s) => s.key === value);

export const scoreSeriesLabel = (key: ScoreSeriesKey): string => SCORE_SERIES.find((s) => s.key === key)?.label ?? key;

/**
 * A score series' values per window: the detectors' own scores for Isolation Forest and the
 * autoencoder, ranks where the raw value has no finite scale (DBSCAN's distance is infinite with no
 * core point) and the ensemble's severity, both 0–100 as Top anomalies shows severity. Null until
 * it is known; a new array (call it once per data, not per render).
 */
export function scoreSeriesValues(
  key: ScoreSeriesKey,
  scores: { isolationForest: Float64Array; autoencoder: Float64Array } | null,
  severity: LaneSeverities | null,
): Float64Array | null {
  const lane = key.slice("score:".length) as SeverityLaneKey;
  if (lane === "isolationForest" || lane === "autoencoder") return scores?.[lane] ?? null;
  const ranks = severity?.[lane];
  return ranks ? Float64Array.from(ranks, (v) => v * 100) : null;
}

export interface TimelineDescriptionInput {
  starts: ArrayLike<number>;
  /** Window length, seconds. */
  window: number;
  from: number;
  to: number;
  /** Ensemble flags per window, or null while they load. */
  flags: ArrayLike<number> | null;
  /** The ensemble's severity per window, or null while it loads. */
  severity: ArrayLike<number> | null;
}

/**
 * "235 windows from Jun 2 08:00 to Jul 15 23:59 UTC, with 180 silent stretches (longest 4 h 10 min)
 * drawn as gaps; 12 flagged by the ensemble; highest severity 97, Jun 14 15:16 UTC." One pass over
 * the visible windows.
 */
export function describeTimeline(input: TimelineDescriptionInput): string {
  const { starts, window, from, to, flags, severity } = input;
  let count = 0;
  let flagged = 0;
  let silences = 0;
  let longest = 0;
  let worst = -1;
  let previous = NaN;
  for (let i = lowerBound(starts, from); i < starts.length && (starts[i] as number) < to; i++) {
    const start = starts[i] as number;
    count++;
    if (flags && flags[i]) flagged++;
    const silence = start - (previous + window);
    if (silence > 0) {
      silences++;
      longest = Math.max(longest, silence);
    }
    previous = start;
    if (severity && (worst < 0 || (severity[i] as number) > (severity[worst] as number))) worst = i;
  }
  if (count === 0) return `No windows from ${formatUtcShort(from)} to ${formatUtcShort(to)} UTC: the log is silent there.`;
  const first = starts[lowerBound(starts, from)] as number;
  const parts = [`${formatCount(count)} window${count === 1 ? "" : "s"} from ${formatUtcShort(first)} to ${formatUtcShort(previous + window)} UTC`];
  if (silences > 0) parts[0] += `, with ${formatCount(silences)} silent stretch${silences === 1 ? "" : "es"} (longest ${formatDuration(longest)}) drawn as gaps`;
  if (flags) parts.push(`${formatCount(flagged)} flagged by the ensemble`);
  if (severity && worst >= 0) parts.push(`highest severity ${severityPercent(severity[worst] as number)}, ${formatUtcShort(starts[worst] as number)} UTC`);
  return `${parts.join("; ")}.`;
}

// Features that count something: a window with no records has 0 of each, so silence is drawn as 0.
const COUNT_FEATURES: ReadonlySet<string> = new Set([
  "event_count",
  "unique_messages",
  "distinct_hosts",
  "distinct_processes",
  "failed_auth_count",
  "invalid_user_count",
  "distinct_templates",
  "rare_template_lines",
  "unseen_template_lines",
  "error_keyword_lines",
  "error_level_lines",
]);

/** Whether silence reads as 0 for this series (a count); averages, entropy and scores have no value there. */
export const isCountSeries = (name: string): boolean => COUNT_FEATURES.has(name);
