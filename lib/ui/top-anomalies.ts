import type { ScoreVerdict } from "@/lib/detectors/ensemble";
import { rankAverage } from "@/lib/detectors/rank-average";
import { normalCdf } from "@/lib/detectors/robust-scale";
import type { WindowExplanation } from "@/lib/pipeline/explain-window";
import { featureLabel } from "./feature-labels";

/**
 * The Run page's "Top anomalies": a severity per window that does not depend on the sliders, the
 * flagged windows ranked by it, and a one-line reason taken from the window's explanation. The
 * severity is the ensemble's own score: the combined score for a run that combines by score, else
 * the rank-mean of the three detectors' scores (as the vote's evaluation curve ranks them).
 */

export interface SeverityColumns {
  isolationForest: ArrayLike<number>;
  autoencoder: ArrayLike<number>;
  /** Distance to the nearest DBSCAN core point, or null when not available (then IF and AE only). */
  dbscanDistance: ArrayLike<number> | null;
  /** A run that combines by score: its combined scores and cut (then they alone make the severity). */
  score?: ScoreVerdict | null;
}

/** DBSCAN distances ready to rank: a missing one (NaN, no core point at all) is the farthest, as DBSCAN calls it noise. */
export function rankableDistances(distances: ArrayLike<number>): Float64Array {
  return Float64Array.from(distances, (d) => (Number.isNaN(d) ? Infinity : d));
}

/** z at the standard normal's 99th percentile: a window at the ensemble's cut reads 0.99, "critical". */
const Z_99 = 2.326348;

/**
 * Each window's severity, 0..1 (higher = more anomalous): for a run that combines by score, its
 * combined score read as a normal share against the cut; otherwise the mean over the detectors of
 * its percentile ranks, where a missing distance (NaN: no core point at all) counts as the
 * farthest, as DBSCAN calls it noise.
 */
export function severityScores(columns: SeverityColumns): Float64Array {
  // The combined score is a robust z (lib/detectors/score-ensemble.ts); read against the cut, so that "critical" (0.99 and
  // above, severity-bands.ts) is exactly what the ensemble flags and lower bands are nearer misses.
  const { score } = columns;
  if (score) return Float64Array.from(score.combined, (z) => normalCdf((z * Z_99) / score.cut));
  const ranked: ArrayLike<number>[] = [columns.isolationForest, columns.autoencoder];
  if (columns.dbscanDistance && columns.dbscanDistance.length === columns.isolationForest.length) {
    ranked.push(rankableDistances(columns.dbscanDistance));
  }
  return rankAverage(ranked);
}

/** Indices of the flagged windows with the highest severity, most severe first (ties: earlier window first). */
export function topFlagged(severity: ArrayLike<number>, flags: ArrayLike<number>, limit: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number) => (severity[a] as number) > (severity[b] as number) || ((severity[a] as number) === (severity[b] as number) && a < b);
  // One pass with a short sorted list: O(n * limit), and limit is a handful, so a slider move stays cheap.
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== 1) continue;
    if (top.length === limit && !before(i, top[limit - 1] as number)) continue;
    let at = top.length;
    while (at > 0 && before(i, top[at - 1] as number)) at--;
    top.splice(at, 0, i);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Severity 0..1 as the whole number the list shows (0..100). */
export const severityPercent = (severity: number): number => Math.round(severity * 100);

const short = (v: number) => Number(v.toPrecision(3)).toString();
const MAX_TEMPLATE = 60;

/**
 * One line from the explanation: its most unusual feature against the run's median, and its most
 * unusual template, e.g. "146 error-keyword lines (typically 2) · blk_update_request I/O error".
 */
export function anomalyReason(explanation: Pick<WindowExplanation, "features" | "templates" | "summary">): string {
  const parts: string[] = [];
  const lead = explanation.features[0];
  if (lead && lead.z !== 0) parts.push(`${featureLabel(lead.name)} ${short(lead.value)} (typically ${short(lead.median)})`);
  const template = explanation.templates[0];
  if (template) {
    const text = template.template.length > MAX_TEMPLATE ? `${template.template.slice(0, MAX_TEMPLATE - 1)}…` : template.template;
    parts.push(`${template.count}× ${text}`);
  }
  // Nothing stands out feature by feature: the explanation's own sentence says which model flagged it.
  return parts.length > 0 ? parts.join(" · ") : explanation.summary;
}
