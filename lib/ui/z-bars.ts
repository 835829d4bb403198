import { formatNumber } from "./format";

/**
 * The window page's robust z-score bars. A z of 146 next to ones of 2 would squash every other bar
 * to nothing, so the axis stops at ±Z_AXIS_LIMIT; a bar beyond it is drawn to the edge with a break
 * and its true value written on it (and in the chart's description), never silently cut.
 */

export const Z_AXIS_LIMIT = 10;

export interface ZBar {
  /** Where the bar ends on the axis (the true z, or ±Z_AXIS_LIMIT). */
  shown: number;
  /** The true z lies beyond the axis: the bar is broken and labelled. */
  clipped: boolean;
  /** The true z, rounded ("146", "-23.5", "∞"). */
  text: string;
}

export interface ZBarLayout {
  bars: ZBar[];
  /** The axis runs from -extent to extent: the smallest of 4, 6, 8, 10 that holds the bars. */
  extent: number;
}

export function layoutZBars(zs: readonly number[]): ZBarLayout {
  const bars = zs.map((z): ZBar => {
    const clipped = !(Math.abs(z) <= Z_AXIS_LIMIT);
    const shown = Number.isNaN(z) ? 0 : clipped ? Math.sign(z) * Z_AXIS_LIMIT : z;
    return { shown, clipped: clipped && !Number.isNaN(z), text: formatNumber(z, 3) };
  });
  const widest = Math.max(0, ...bars.map((b) => Math.abs(b.shown)));
  const extent = [4, 6, 8].find((e) => e >= widest + 0.25) ?? Z_AXIS_LIMIT;
  return { bars, extent };
}
