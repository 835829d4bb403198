import { backgroundMinute, episodeLines, planEpisodes } from "./service-episodes";
import { buildServices, type PendingLine } from "./service-fleet";
import { ServiceRandom } from "./service-random";
import type { ServiceEpisode, ServiceLabel, ServiceLogOptions, ServiceLogResult } from "./types";

/** Independent streams, so that changing the episodes leaves the background as it was. */
const FLEET = 1;
const TRAFFIC = 2;
const PLAN = 3;
const EPISODES = 4;

/**
 * The traffic of `minute` relative to the mean: a day with its quiet night (0.35 at 03:00 UTC,
 * 1.65 at 15:00) and a slow drift of up to ±20% (a week's growth and dips).
 */
function dailyShape(minute: number, drift: number): number {
  const hour = (minute / 60) % 24;
  return (1 + 0.65 * Math.sin(((hour - 9) / 24) * 2 * Math.PI)) * (1 + drift);
}

/**
 * Yields a JSON-lines log of a web-service fleet in chunks (each ending in a newline, exactly
 * `options.lines` lines in all, in time order) and returns its episodes and labelled 60-second
 * windows: a window is labelled when it holds a line an episode wrote. Deterministic per options.
 */
export function* generateServiceLogs(options: ServiceLogOptions): Generator<string, ServiceLogResult, void> {
  const seed = options.seed | 0;
  const services = buildServices(options.services, new ServiceRandom(seed * 31 + FLEET));
  const traffic = new ServiceRandom(seed * 31 + TRAFFIC);
  const episodes = planEpisodes(options, services, new ServiceRandom(seed * 31 + PLAN));
  const episodic = new ServiceRandom(seed * 31 + EPISODES);
  const labels: ServiceLabel[] = [];
  let written = 0;
  let drift = 0;
  let next = 0;
  let active: ServiceEpisode | null = null;
  for (let minute = Math.floor(options.start / 60); written < options.lines; minute++) {
    const minuteMs = minute * 60_000;
    const upcoming = episodes[next];
    if (active === null && upcoming?.startMinute === minute) {
      active = upcoming;
      next++;
    }
    drift = Math.max(-0.2, Math.min(0.2, drift + traffic.gaussian() * 0.01));
    const down = new Set(active?.kind === "outage" ? [active.service] : []);
    const lines: PendingLine[] = backgroundMinute(services, down, minuteMs, traffic.poisson(options.ratePerMinute * dailyShape(minute, drift)), traffic);
    if (active) lines.push(...episodeLines(active, services, minuteMs, minute - active.startMinute, episodic));
    lines.sort((a, b) => a.ms - b.ms);
    const take = lines.slice(0, options.lines - written);
    if (take.some((line) => line.episode) && active) labels.push({ start: minute * 60, kind: active.kind });
    if (take.length > 0) {
      yield take.map((line) => JSON.stringify({ ...line.fields, ts: new Date(line.ms).toISOString() })).join("\n") + "\n";
      written += take.length;
    }
    if (active && minute >= active.startMinute + active.minutes - 1) active = null;
  }
  return {
    lines: written,
    year: new Date(options.start * 1000).getUTCFullYear(),
    episodes: episodes.filter((e) => labels.some((l) => l.start >= e.startMinute * 60 && l.start < (e.startMinute + e.minutes) * 60)),
    labels,
  };
}
