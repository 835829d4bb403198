import { templateIdsOf, templateLineCountsOf } from "@/lib/logs/template-lines";
import type { WindowFeatures } from "@/lib/logs/types";

/** How many lines of one template a typical window holds (over every window, zeros included). */
export interface TemplateStat {
  id: number;
  median: number;
  mean: number;
  std: number;
}

/**
 * Per-template line counts per window, summarised so "this window has 40 lines of a template that
 * usually has 0" can be said without keeping every window's counts at hand. Windows without
 * templates (seed features) give an empty list.
 */
export function summarizeTemplateCounts(windows: readonly WindowFeatures[]): TemplateStat[] {
  const n = windows.length;
  const perTemplate = new Map<number, number[]>();
  for (const w of windows) {
    const t = w.templates;
    if (!t) continue;
    const ids = templateIdsOf(t);
    const lines = templateLineCountsOf(t);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      let counts = perTemplate.get(id);
      if (!counts) perTemplate.set(id, (counts = []));
      counts.push(lines[k]!);
    }
  }
  const stats: TemplateStat[] = [];
  for (const [id, counts] of perTemplate) {
    let sum = 0;
    let squares = 0;
    for (const c of counts) {
      sum += c;
      squares += c * c;
    }
    const mean = sum / n;
    const variance = Math.max(0, squares / n - mean * mean);
    stats.push({ id, median: medianWithZeros(counts, n), mean, std: Math.sqrt(variance) });
  }
  return stats.sort((a, b) => a.id - b.id);
}

/** Median of `nonZero` padded with zeros up to `n` values, without building the padded array. */
function medianWithZeros(nonZero: number[], n: number): number {
  const zeros = n - nonZero.length;
  const sorted = [...nonZero].sort((a, b) => a - b);
  const at = (i: number) => (i < zeros ? 0 : (sorted[i - zeros] as number));
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}
