/**
 * Display formatting. Everything time-related is UTC: syslog timestamps are read as UTC (docs/pipeline.md §1),
 * so showing them in the viewer's zone would make the dashboard disagree with the log lines.
 */

import { formatCount } from "@/lib/domain/format-quantities";

// Counts and sizes are written by the one rule the CLI and the server use too.
export { formatBytes, formatCount } from "@/lib/domain/format-quantities";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A score or feature value with `digits` significant digits, no exponent for ordinary sizes. */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "-∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) return x.toExponential(Math.max(digits - 1, 0));
  if (Number.isInteger(x) && abs < 1e6) return formatCount(x);
  return Number(x.toPrecision(digits)).toString();
}

/** 0.05 -> "5%"; 0.125 -> "12.5%". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${Number((fraction * 100).toFixed(digits))}%`;
}

/** Unix seconds -> "2005-06-14 15:16:00" (UTC). */
export function formatUtc(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Unix seconds -> "Jun 14 15:16" (UTC), for dense places. */
export function formatUtcShort(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Seconds -> "0.4 s", "12 s", "3 min 05 s", "2 h 04 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  return `${Math.floor(total / 3600)} h ${pad(Math.floor((total % 3600) / 60))} min`;
}

/** A window length in seconds -> "60 s", "5 min", "1 h", "1 d". */
export function formatWindowLength(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** How long ago, relative to `now` (both Dates): "just now", "5 min ago", "3 h ago", else the UTC date. */
export function formatAgo(date: Date, now: Date): string {
  const seconds = (now.getTime() - date.getTime()) / 1000;
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return formatUtc(date.getTime() / 1000).slice(0, 16);
}

/**
 * A run's parameters as the one-line summary reads them: a stored run's RunParams (the values in
 * use; eps null until training has chosen it), or a RunView's requested params (a number or
 * "auto" each) with the thresholds training chose, once it has, as `chosen`.
 */
export interface BriefParams {
  window: number;
  eps: number | null | "auto";
  /** A stored eps that training chose. */
  epsAuto?: boolean;
  minSamples: number;
  contamination: number | "auto";
  aePercentile: number | "auto";
  votes: number;
  /** How the ensemble decides; absent reads as the vote. */
  combine?: string;
}

/** How a run's ensemble decides, in a parameter line: "2 votes", or "combined score" (the votes then do not apply). */
export function ensembleRule(params: { votes: number; combine?: string }): string {
  return params.combine === "score" ? "combined score" : `${params.votes} vote${params.votes === 1 ? "" : "s"}`;
}

/** What training chose for the tunables left on auto (a RunView's `thresholds`). */
export interface ChosenThresholds {
  eps: number;
  contamination: number;
  aePercentile: number;
}

/** A run's parameters in one line: "60 s · eps 0.5 · min 5 · c 0.05 · AE p95 · 2 votes" ("combined score" for a score run); "eps 0.42 (auto)" once chosen. */
export function formatParamsBrief(params: BriefParams, chosen: ChosenThresholds | null = null): string {
  const eps =
    typeof params.eps === "number"
      ? `eps ${formatNumber(params.eps, 3)}${params.epsAuto ? " (auto)" : ""}`
      : chosen
        ? `eps ${formatNumber(chosen.eps, 3)} (auto)`
        : "eps auto";
  const contamination = params.contamination === "auto" ? (chosen?.contamination ?? "auto") : params.contamination;
  const aePercentile = params.aePercentile === "auto" ? (chosen ? `p${chosen.aePercentile}` : "auto") : `p${params.aePercentile}`;
  return [
    formatWindowLength(params.window),
    eps,
    `min ${params.minSamples}`,
    `c ${contamination}`,
    `AE ${aePercentile}`,
    ensembleRule(params),
  ].join(" · ");
}
