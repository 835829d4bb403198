import type { RunParams } from "@/lib/db/types";

/**
 * Display formatting. Everything time-related is UTC: syslog timestamps are read as UTC (docs/pipeline.md §1),
 * so showing them in the viewer's zone would make the dashboard disagree with the log lines.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 12345 -> "12,345"; non-finite -> "—". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const sign = n < 0 ? "-" : "";
  const whole = Math.round(Math.abs(n)).toString();
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

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

/** Bytes -> "812 B", "1.4 KB", "52.3 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

/** How long ago, relative to `now` (both Dates): "just now", "5 min ago", "3 h ago", else the UTC date. */
export function formatAgo(date: Date, now: Date): string {
  const seconds = (now.getTime() - date.getTime()) / 1000;
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return formatUtc(date.getTime() / 1000).slice(0, 16);
}

/** A run's parameters in one line: "60 s · eps 0.5 · min 5 · c 0.05 · AE p95 · 2 votes". */
export function formatParamsBrief(params: RunParams): string {
  const eps = params.eps === null ? "eps auto" : `eps ${formatNumber(params.eps, 3)}${params.epsAuto ? " (auto)" : ""}`;
  return [
    formatWindowLength(params.window),
    eps,
    `min ${params.minSamples}`,
    `c ${params.contamination}`,
    `AE p${params.aePercentile}`,
    `${params.votes} vote${params.votes === 1 ? "" : "s"}`,
  ].join(" · ");
}
