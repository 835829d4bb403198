import { expectedBackgroundRates, LoadCurve } from "./background";
import { formatIso, parseIsoStart, startOfNextYear, yearOf } from "./clock";
import { defaultEpisodeCount, drawEpisodeShapes, expectedEpisodeLines, MIN_SLOT_MINUTES, placeEpisodes } from "./episodes";
import { assignRole, type HostRole } from "./fleet";
import { deriveSeed, Dice } from "./rng";
import type { GenerateOptions, GenerationPlan } from "./types";

export const DEFAULT_START_ISO = "2025-06-14T00:00:00Z";
export const DEFAULT_SEED = 1;
export const DEFAULT_HOSTS = 8;
export const MAX_LINES = 100_000_000;
export const MAX_HOSTS = 1000;

/** Seed streams: the plan, the fleet, background text, episode text and the load curve draw independently. */
export const STREAM_PLAN = 0;
export const STREAM_FLEET = 1;
export const STREAM_BACKGROUND = 2;
export const STREAM_EPISODES = 3;
export const STREAM_LOAD = 4;

function checkInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
}

/** Minutes the background needs to write `lines` lines: the rate model replayed on the load curve. */
function estimateMinutes(lines: number, curve: LoadCurve, firstMinute: number, roles: HostRole[]): number {
  const rates = expectedBackgroundRates(roles);
  let total = 0;
  let minute = firstMinute;
  while (total < lines) total += rates.diurnal * curve.at(minute++) + rates.steady;
  return Math.max(1, minute - firstMinute);
}

/**
 * Validates the options and fixes the episodes' kinds, hosts and times. Throws a RangeError whose
 * message is one sentence fit for a user when the options are invalid or the episodes do not fit.
 */
export function planGeneration(options: GenerateOptions): GenerationPlan {
  const lines = options.lines;
  const seed = options.seed ?? DEFAULT_SEED;
  const start = options.start ?? (parseIsoStart(DEFAULT_START_ISO) as number);
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  const crossYear = options.crossYear ?? false;
  checkInteger(lines, "lines", 1, MAX_LINES);
  checkInteger(seed, "seed", -(2 ** 31), 2 ** 32 - 1);
  checkInteger(hosts, "hosts", 1, MAX_HOSTS);
  checkInteger(start, "start", 0, 253402300799);
  let count = options.episodes ?? defaultEpisodeCount(lines);
  checkInteger(count, "episodes", 0, 1_000_000);

  const dice = new Dice(deriveSeed(seed, STREAM_PLAN));
  const roles = Array.from({ length: hosts }, (_, i) => assignRole(i));
  let shapes = drawEpisodeShapes(count, dice);
  const episodeLines = shapes.reduce((sum, shape) => sum + expectedEpisodeLines(shape), 0);
  const firstMinute = Math.floor(start / 60);
  const curve = new LoadCurve(deriveSeed(seed, STREAM_LOAD), firstMinute);
  const estimatedMinutes = estimateMinutes(Math.max(1, lines - episodeLines), curve, firstMinute, roles);

  // Episodes stay clear of the first minutes and of the last tenth, where the line budget may run out.
  const regionStart = firstMinute + 1 + Math.max(1, Math.round(estimatedMinutes * 0.02));
  const regionEnd = firstMinute + Math.floor(estimatedMinutes * 0.9);
  const yearEndMinute = startOfNextYear(start) / 60;
  const limitedEnd = crossYear ? regionEnd : Math.min(regionEnd, yearEndMinute);
  const year = yearOf(start);
  const fits = (end: number): number => Math.max(0, Math.floor((end - regionStart) / MIN_SLOT_MINUTES));
  if (options.episodes === undefined && count > fits(limitedEnd)) {
    // The default is a rate, not a promise: a short log (or one that starts late in December) gets fewer.
    count = fits(limitedEnd);
    shapes = shapes.slice(0, count);
  }
  if (count > fits(limitedEnd)) {
    if (limitedEnd < regionEnd && count <= fits(regionEnd)) {
      throw new RangeError(
        `${count} episodes do not fit between ${formatIso(start)} and the end of ${year} (at most ${fits(limitedEnd)}); ` +
          "start earlier, ask for fewer episodes or allow episodes in the next year (--cross-year).",
      );
    }
    throw new RangeError(
      `${count} episodes do not fit in ${lines} lines (about ${estimatedMinutes} minute${estimatedMinutes === 1 ? "" : "s"} of log, room for ` +
        `${fits(regionEnd)} episodes); ask for fewer episodes or more lines.`,
    );
  }
  const episodes = placeEpisodes(shapes, regionStart, limitedEnd, roles, dice);
  return { lines, seed, start, hosts, crossYear, year, estimatedMinutes, episodes };
}
