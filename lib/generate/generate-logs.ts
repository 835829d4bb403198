import { emitBackgroundMinute, LoadCurve } from "./background";
import { formatIso } from "./clock";
import type { EpisodeRunner } from "./episode-attacks";
import { startEpisode } from "./episodes";
import { buildFleet } from "./fleet";
import { LineSink, type GenContext } from "./line-sink";
import { STREAM_BACKGROUND, STREAM_EPISODES, STREAM_FLEET, STREAM_LOAD } from "./plan-generation";
import { deriveSeed, Dice } from "./rng";
import {
  EPISODE_KINDS, type EpisodeRecord, type GenerationPlan, type GenerationResult, type LabelledWindow,
} from "./types";

// Small chunks let young-generation GC free the joined minute texts instead of copying them.
const DEFAULT_CHUNK_BYTES = 1 << 16;

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
  const background: GenContext = {
    dice: new Dice(deriveSeed(plan.seed, STREAM_BACKGROUND)),
    sink,
    hosts,
    memo,
    clients: [],
  };
  const episodic: GenContext = { ...background, dice: new Dice(deriveSeed(plan.seed, STREAM_EPISODES)) };
  const load = new LoadCurve(deriveSeed(plan.seed, STREAM_LOAD), Math.floor(plan.start / 60));
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
    const take = Math.min(lines.length, plan.lines - written);
    if (take > 0) {
      if (active !== null) {
        let episodeLines = 0;
        for (let i = 0; i < take; i++) if (kinds[i] !== 0) episodeLines++;
        if (episodeLines > 0) {
          active.record.lines += episodeLines;
          windows.push({ start: minuteStart, kind: active.record.kind });
        }
      }
      // Joining per minute turns the lines' rope strings flat at once; holding a chunk's worth of
      // ropes until the chunk is joined made young-generation GC copy them over and over.
      const text = (take === lines.length ? lines : lines.slice(0, take)).join("\n");
      chunk.push(text);
      chunkLength += text.length + 1;
      written += take;
      lastSec = secs[take - 1] as number;
      if (firstSec < 0) firstSec = secs[0] as number;
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
export function formatLabelsCsv(windows: readonly { start: number; kind: string }[]): string {
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
