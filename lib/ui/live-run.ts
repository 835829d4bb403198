import { formatUtc } from "./format";

/**
 * The live run page's rules (issue #17), pure so they are tested once: what it announces
 * (aria-live) when the ensemble flags windows it had not seen ("2 new anomalies: 2026-12-06
 * 10:01:00–10:02:00, ... UTC."), and when its poll has something new to show.
 */

export interface AnomalyWindow {
  index: number;
  /** Unix seconds. */
  start: number;
  end: number;
}

/** Window times named in one announcement; the rest are counted ("and 3 more"). */
export const MAX_NAMED_WINDOWS = 3;

/** The anomalies after `seenUpTo` (the highest window index already announced or shown), oldest first. */
export function newAnomalies(anomalies: readonly AnomalyWindow[], seenUpTo: number): AnomalyWindow[] {
  return anomalies.filter((w) => w.index > seenUpTo).sort((a, b) => a.index - b.index);
}

/** The highest window index among `anomalies`, or `fallback` when there is none. */
export function lastAnomalyIndex(anomalies: readonly AnomalyWindow[], fallback = -1): number {
  return anomalies.reduce((max, w) => Math.max(max, w.index), fallback);
}

/** One window's times: its start in full, its end as the time of day when it is the same day. */
export function windowTimes(w: Pick<AnomalyWindow, "start" | "end">): string {
  const start = formatUtc(w.start);
  const end = formatUtc(w.end);
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}

/** The sentence for new anomalies, or null when there are none. */
export function announceAnomalies(fresh: readonly AnomalyWindow[], total: number = fresh.length): string | null {
  if (total === 0 || fresh.length === 0) return null;
  const named = fresh.slice(0, MAX_NAMED_WINDOWS).map(windowTimes).join(", ");
  const more = total - Math.min(fresh.length, MAX_NAMED_WINDOWS);
  return `${total} new ${total === 1 ? "anomaly" : "anomalies"}: ${named}${more > 0 ? ` and ${more} more` : ""} UTC.`;
}

/** What the live page polls (GET /api/runs/:id, lib/server/runs/run-view.ts RunView), as far as it needs. */
export interface LiveRunState {
  status: string;
  windowCount: number | null;
  logFile: { lines: number };
}

/** Changes whenever the page would show something new: a window closed, lines came, the stream stopped. */
export function liveSignature(run: LiveRunState): string {
  return `${run.status}|${run.windowCount ?? 0}|${run.logFile.lines}`;
}

/** The poll's answer read defensively (it is JSON from the network), or null when it is not a run. */
export function readLiveRunState(body: unknown): LiveRunState | null {
  if (!body || typeof body !== "object") return null;
  const { status, windowCount, logFile } = body as Record<string, unknown>;
  if (typeof status !== "string" || !(windowCount === null || typeof windowCount === "number")) return null;
  if (!logFile || typeof logFile !== "object" || typeof (logFile as { lines?: unknown }).lines !== "number") return null;
  return { status, windowCount, logFile: { lines: (logFile as { lines: number }).lines } };
}
