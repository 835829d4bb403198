import type { LabelSettings } from "@/lib/domain/types";

/**
 * Slider ranges and steps for the threshold controls. The eps slider scales with the run (scaled
 * features of a busy log can need eps far above the default 0.5); typed values may go beyond any
 * slider as far as the API accepts (url-state THRESHOLD_RULES).
 */

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

export function thresholdRanges(base: LabelSettings, kDistanceMax?: number): Record<keyof LabelSettings, SliderRange> {
  const epsTop = Math.max(1, base.eps * 3, kDistanceMax ?? 0);
  const epsMax = Math.min(1000, niceCeil(epsTop));
  return {
    // A 0.001 step moves no label on a run of a few hundred windows; 0.005 is one window in 200.
    contamination: { min: 0.005, max: 0.5, step: 0.005 },
    aePercentile: { min: 50, max: 99.9, step: 0.1 },
    eps: { min: 0.01, max: epsMax, step: epsMax > 20 ? 0.1 : 0.01 },
    minSamples: { min: 1, max: Math.max(50, base.minSamples * 2), step: 1 },
    votes: { min: 1, max: 3, step: 1 },
  };
}

/** Rounds up to 1, 2 or 5 times a power of ten. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}

/** A slider value snapped to its step without float noise (0.30000000000000004 -> 0.3). */
export function snapToStep(value: number, range: SliderRange): number {
  const snapped = Math.round((value - range.min) / range.step) * range.step + range.min;
  const decimals = Math.max(0, -Math.floor(Math.log10(range.step)) + 1);
  return Number(Math.min(Math.max(snapped, range.min), range.max).toFixed(decimals));
}
