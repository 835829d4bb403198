import { z } from "zod";

/**
 * Live streams (issue #17, docs/live.md): the words every layer shares. A stream takes lines from
 * one source, scores each window with a saved model as it closes, and stores the windows in its own
 * live run. Importable anywhere (zod only).
 */

/** Where a stream's lines come from: POST /api/streams/:id/lines, a syslog port, or a server file it follows. */
export const STREAM_SOURCES = ["http", "syslog", "file"] as const;
export const streamSourceSchema = z.enum(STREAM_SOURCES);
export type StreamSource = z.infer<typeof streamSourceSchema>;

/** live: taking lines; stopped: its open windows were closed and written, its run is finished. */
export const STREAM_STATES = ["live", "stopped"] as const;
export const streamStateSchema = z.enum(STREAM_STATES);
export type StreamState = z.infer<typeof streamStateSchema>;

export const SYSLOG_PROTOCOLS = ["tcp", "udp"] as const;

/** Per source settings, stored as JSON in Stream.sourceConfig (null for http). */
export const fileSourceConfigSchema = z.object({ path: z.string().min(1) }).strict();
export const syslogSourceConfigSchema = z
  .object({ protocol: z.enum(SYSLOG_PROTOCOLS), port: z.number().int().min(1).max(65535), host: z.string().min(1).optional() })
  .strict();
export type FileSourceConfig = z.infer<typeof fileSourceConfigSchema>;
export type SyslogSourceConfig = z.infer<typeof syslogSourceConfigSchema>;
export type StreamSourceConfig = FileSourceConfig | SyslogSourceConfig | null;

/**
 * Where a restarted stream picks up (all persisted in one transaction with the windows it closed):
 * the stored log is cut back to `bytes` and re-read from the replay point, windows starting before
 * `closedBefore` are not written again, and late records before `bytes` are not counted again.
 */
export interface StreamCheckpoint {
  bytes: number;
  lines: number;
  unparsedLines: number;
  replayOffset: number;
  replayLine: number;
  /** Unix seconds; null until a window closed. */
  closedBefore: number | null;
  lateRecords: number;
}

export interface StreamRecord extends StreamCheckpoint {
  id: number;
  name: string;
  source: StreamSource;
  sourceConfig: StreamSourceConfig;
  modelRunId: number;
  runId: number;
  ownerId: number | null;
  /** Seconds a window stays open past its end. */
  lateness: number;
  state: StreamState;
  /** The last sequence number acknowledged to an HTTP client; null before the first. */
  lastSeq: number | null;
  /** File source: `device:inode` of the followed file and the bytes read in it. */
  sourceFile: string | null;
  sourceOffset: number | null;
  lastProblem: string | null;
  createdAt: Date;
  stoppedAt: Date | null;
}

/** What every part of live streams answers while LOGSCOPE_STREAMS is off (routes, sources). */
export const STREAMS_OFF = "Live streams are off on this server: start it with LOGSCOPE_STREAMS=on to create streams and send them lines.";

/** A live source's default lateness: one second, so a window's score shows within its length plus about 2 s (the latency bar). */
export const LIVE_DEFAULT_LATENESS_SECONDS = 1;

/**
 * Where stream `id`'s log is stored, relative to DATA_DIR (its LogFile.storedPath). It always lives
 * on the local disk of the process that appends to it (an object store cannot append), whatever
 * LOGSCOPE_STORAGE says.
 */
export function streamLogKey(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new Error("expected a stream id");
  return `streams/${id}.log`;
}

/** Whether `key` is a stream's log (streamLogKey's form). */
export function isStreamLogKey(key: string): boolean {
  return /^streams\/[1-9][0-9]*\.log$/.test(key);
}
