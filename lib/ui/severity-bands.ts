/**
 * Severity bands, in the spirit of Kibana's Anomaly Explorer (critical / major / minor / warning),
 * defined once for every lane of the run page: the ensemble's severity, each detector's and each
 * host's. A severity is a number in 0..1 (shown as 0–100) where 0.99 means "higher than 99% of this
 * run's windows" (lib/ui/severity-lanes.ts): the cut-offs sit in the far tail so that "critical" stays
 * rare on a run of any size. A band is never told by its colour alone: the lanes draw taller cells
 * for worse bands and every cell names its band (severity-swimlanes.tsx).
 */

export type SeverityBandKey = "critical" | "major" | "minor" | "warning" | "low";

export interface SeverityBand {
  key: SeverityBandKey;
  /** Shown in the legend, tooltips and accessible names. */
  label: string;
  /** Lowest severity (0..1) of the band. */
  min: number;
  /**
   * Cell fill, Kibana's hues. Never behind text. The lighter ones are under 3:1 against white, which
   * is why the cell's height and its name carry the band too.
   */
  color: string;
  /** Height of a cell, as a share of the lane's: a second cue besides colour. */
  height: number;
}

/** Worst first, so that the first band whose `min` a severity reaches is its band. */
export const SEVERITY_BANDS: readonly SeverityBand[] = [
  { key: "critical", label: "Critical", min: 0.99, color: "#b91c1c", height: 1 },
  { key: "major", label: "Major", min: 0.95, color: "#ea580c", height: 0.85 },
  { key: "minor", label: "Minor", min: 0.9, color: "#eab308", height: 0.7 },
  { key: "warning", label: "Warning", min: 0.75, color: "#60a5fa", height: 0.55 },
  { key: "low", label: "Low", min: -Infinity, color: "#e2e8f0", height: 0.35 },
];

const LOW = SEVERITY_BANDS[SEVERITY_BANDS.length - 1] as SeverityBand;

/** The band of a severity (0..1); NaN is "low". */
export function bandOf(severity: number): SeverityBand {
  for (const band of SEVERITY_BANDS) if (severity >= band.min) return band;
  return LOW;
}

/** The legend's line per band, e.g. "Critical: 99 and above", "Low: below 75". */
export function bandRangeText(band: SeverityBand): string {
  if (band.key === "low") return `below ${Math.round(((SEVERITY_BANDS[SEVERITY_BANDS.length - 2] as SeverityBand).min) * 100)}`;
  return `${Math.round(band.min * 100)} and above`;
}
