import { emitBackgroundMinute, diurnalLoad, expectedBackgroundRates, type LoadState } from "./background";
import { formatIso, parseIsoStart, startOfNextYear, yearOf } from "./clock";
import type { EpisodeRunner } from "./episode-attacks";
import {
  defaultEpisodeCount, drawEpisodeShapes, expectedEpisodeLines, MIN_SLOT_MINUTES, placeEpisodes, startEpisode,
} from "./episodes";
import { buildFleet, roleOf } from "./fleet";
import { LineSink, type GenContext } from "./line-sink";
import { deriveSeed, Dice } from "./rng";
import {
  EPISODE_KINDS, type EpisodeRecord, type GenerateOptions, type GenerationPlan, type GenerationResult,
  type LabelledWindow,
} from "./types";

export const DEFAULT_START_ISO = "2025-06-14T00:00:00Z";
export const DEFAULT_SEED = 1;
export const DEFAULT_HOSTS = 8;
export const MAX_LINES = 100_000_000;
export const MAX_HOSTS = 1000;
const DEFAULT_CHUNK_BYTES = 1 << 20;

// Seed streams: the plan, the fleet, background text and episode text draw independently.
const STREAM_PLAN = 0;
const STREAM_FLEET = 1;
const STREAM_BACKGROUND = 2;
const STREAM_EPISODES = 3;

function checkInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
}

/** Minutes the background needs to write `lines` lines, from the rate model (no random draws). */
function estimateMinutes(lines: number, firstMinute: number, roles: ReturnType<typeof roleOf>[]): number {
  const rates = expectedBackgroundRates(roles);
  let total = 0;
  let minute = firstMinute;
  while (total < lines) total += rates.diurnal * diurnalLoad(minute++) + rates.steady;
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
  const count = options.episodes ?? defaultEpisodeCount(lines);
  checkInteger(count, "episodes", 0, 1_000_000);

  const dice = new Dice(deriveSeed(seed, STREAM_PLAN));
  const roles = Array.from({ length: hosts }, (_, i) => roleOf(i));
  const shapes = drawEpisodeShapes(count, dice);
  const episodeLines = shapes.reduce((sum, shape) => sum + expectedEpisodeLines(shape), 0);
  const firstMinute = Math.floor(start / 60);
  const estimatedMinutes = estimateMinutes(Math.max(1, lines - episodeLines), firstMinute, roles);

  // Episodes stay clear of the first minutes and of the last tenth, where the line budget may run out.
  const regionStart = firstMinute + 1 + Math.max(1, Math.round(estimatedMinutes * 0.02));
  const regionEnd = firstMinute + Math.floor(estimatedMinutes * 0.9);
  const yearEndMinute = startOfNextYear(start) / 60;
  const limitedEnd = crossYear ? regionEnd : Math.min(regionEnd, yearEndMinute);
  const year = yearOf(start);
  const fits = (end: number): number => Math.max(0, Math.floor((end - regionStart) / MIN_SLOT_MINUTES));
  if (count > fits(limitedEnd)) {
    if (limitedEnd < regionEnd && count <= fits(regionEnd)) {
      throw new RangeError(
        `${count} episodes do not fit between ${formatIso(start)} and the end of ${year} (at most ${fits(limitedEnd)}); ` +
          "start earlier, ask for fewer episodes or allow episodes in the next year with --cross-year.",
      );
    }
    throw new RangeError(
      `${count} episodes do not fit in ${lines} lines (about ${estimatedMinutes} minutes of log, room for ` +
        `${fits(regionEnd)} episodes); ask for fewer episodes or more lines.`,
    );
  }
  const episodes = placeEpisodes(shapes, regionStart, limitedEnd, roles, dice);
  return { lines, seed, start, hosts, crossYear, year, estimatedMinutes, episodes };
}

/**
 * Yields the log as text chunks of about `chunkBytes` (each ending in a newline, together exactly
 * `plan.lines` lines) and returns what was written: the episodes and the labelled windows.
 * Pure and deterministic: the same plan always yields the same text.
 */
export function* generateLogs(
  plan: GenerationPlan,
  chunkBytes: number = DEFAULT_CHUNK_BYTES,
): Generator<string, GenerationResult, void> {
  const sink = new LineSink(plan.start);
  const hosts = buildFleet(plan.hosts, new Dice(deriveSeed(plan.seed, STREAM_FLEET)), plan.start);
  const memo = new Map<string, string>();
  const background: GenContext = { dice: new Dice(deriveSeed(plan.seed, STREAM_BACKGROUND)), sink, hosts, memo };
  const episodic: GenContext = { ...background, dice: new Dice(deriveSeed(plan.seed, STREAM_EPISODES)) };
  const load: LoadState = { drift: 0 };
  const records: EpisodeRecord[] = plan.episodes.map((episode) => ({
    ...episode,
    host: hosts[episode.hostIndex]?.name ?? "",
    lines: 0,
  }));
  const windows: LabelledWindow[] = [];

  let next = 0;
  let active: { runner: EpisodeRunner; record: EpisodeRecord } | null = null;
  let written = 0;
  let firstSec = -1;
  let lastSec = -1;
  let chunk: string[] = [];
  let chunkLength = 0;

  for (let minute = Math.floor(plan.start / 60); written < plan.lines; minute++) {
    const minuteStart = minute * 60;
    sink.floorSec = Math.max(plan.start, minuteStart);
    sink.ceilSec = Number.POSITIVE_INFINITY;
    emitBackgroundMinute(background, load, minute, sink.floorSec);

    const upcoming = records[next];
    if (active === null && upcoming !== undefined && upcoming.startMinute === minute) {
      active = { runner: startEpisode(episodic, upcoming), record: upcoming };
      next++;
    }
    if (active !== null) {
      sink.ceilSec = minuteStart + 59;
      active.runner.emitMinute(minuteStart, minute - active.record.startMinute);
    }

    const { secs, lines, kinds } = sink.takeMinute(minute);
    let labelled = false;
    for (let i = 0; i < lines.length && written < plan.lines; i++) {
      const line = lines[i] as string;
      chunk.push(line);
      chunkLength += line.length + 1;
      written++;
      lastSec = secs[i] as number;
      if (firstSec < 0) firstSec = lastSec;
      if (kinds[i] !== 0 && active !== null) {
        active.record.lines++;
        if (!labelled) {
          labelled = true;
          windows.push({ start: minuteStart, kind: active.record.kind });
        }
      }
    }
    if (active !== null && minute >= active.record.startMinute + active.record.minutes - 1) active = null;
    if (chunkLength >= chunkBytes) {
      yield chunk.join("\n") + "\n";
      chunk = [];
      chunkLength = 0;
    }
  }
  if (chunk.length > 0) yield chunk.join("\n") + "\n";

  return {
    lines: written,
    year: plan.year,
    firstSec,
    lastSec,
    episodes: records.filter((record) => record.lines > 0),
    windows,
  };
}

/** The labels file: header `window_start,kind`, one row per anomalous window, no comments. */
export function formatLabelsCsv(windows: LabelledWindow[]): string {
  let out = "window_start,kind\n";
  for (const window of windows) out += `${formatIso(window.start)},${window.kind}\n`;
  return out;
}

/** Episodes per kind, every kind listed (zero included), in EPISODE_KINDS order. */
export function countEpisodesByKind(episodes: EpisodeRecord[]): Record<(typeof EPISODE_KINDS)[number], number> {
  const counts = { ssh_brute_force: 0, crash_loop: 0, disk_errors: 0, privilege_abuse: 0 };
  for (const episode of episodes) counts[episode.kind]++;
  return counts;
}
