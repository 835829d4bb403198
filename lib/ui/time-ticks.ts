/**
 * UTC time-axis ticks for Chart.js linear axes in Unix seconds. Chart.js's own time scale formats
 * in the browser's zone; the logs are UTC, so ticks are placed on round UTC times here instead.
 */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
export const TICK_STEPS = [
  1, 2, 5, 10, 15, 30,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY,
];

/** The smallest round step giving at most `maxTicks` ticks over [min, max]. */
export function chooseTickStep(min: number, max: number, maxTicks: number): number {
  const span = Math.max(max - min, 1);
  for (const step of TICK_STEPS) if (span / step <= maxTicks) return step;
  return Math.ceil(span / maxTicks / (365 * DAY)) * 365 * DAY;
}

/** Tick values: multiples of the step (UTC-aligned, since the epoch starts at UTC midnight). */
export function timeTicks(min: number, max: number, maxTicks: number): { step: number; ticks: number[] } {
  const step = chooseTickStep(min, max, Math.max(maxTicks, 2));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return { step, ticks };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Label of a tick: "Jun 14" at UTC midnight, "15:16" or "15:16:05" otherwise. */
export function formatTick(seconds: number, step: number): string {
  const d = new Date(seconds * 1000);
  const midnight = seconds % DAY === 0;
  if (midnight || step >= DAY) return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return step < MINUTE ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}
