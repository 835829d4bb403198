import { mkdir, open, truncate, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { commitStreamBatch } from "@/lib/db/commit-stream-batch";
import { getRun } from "@/lib/db/get-run";
import { getStream } from "@/lib/db/get-stream";
import type { RunWithLogFile } from "@/lib/db/types";
import type { StreamRecord } from "@/lib/domain/stream-types";
import { UserInputError } from "@/lib/domain/user-input-error";
import type { FormatOptions } from "@/lib/logs/formats/types";
import type { DetectorModels } from "@/lib/pipeline/detector-models";
import { LiveWindows, type ClosedWindows } from "@/lib/pipeline/live-windows";
import { loadModels } from "@/lib/pipeline/model-store";
import { predictionFormat } from "@/lib/pipeline/predict-log";
import { checkStreamableModel } from "@/lib/pipeline/watch-windows";
import { streamLogPath } from "@/lib/storage/local-copy";
import { localModelDir } from "@/lib/storage/model-dirs";

/**
 * One live stream in this process (issue #17, docs/live.md): lines in, windows stored as they close.
 * Every change goes through one queue, in order: append the lines to the stream's stored log, push
 * them through LiveWindows, store the windows that closed with the new checkpoint in one
 * transaction (lib/db/commit-stream-batch.ts), then answer. An answer therefore means the lines are
 * in the log and everything they closed is stored; a crash before it leaves the previous
 * checkpoint, and `open` cuts the log back to it and reads the open windows' lines again.
 */

export interface AppendOptions {
  /** The HTTP client's sequence number: a number not above the last acknowledged one is a resend, skipped. */
  seq?: number;
  /** A file source's position in the file it follows, stored with the checkpoint. */
  source?: { file: string; offset: number };
}

export interface AppendOutcome {
  /** Lines taken (0 for a resend). */
  lines: number;
  /** The batch was a resend of an acknowledged sequence number: nothing was taken. */
  duplicate: boolean;
  /** Records among the lines, lines that were not records, and records later than their window. */
  records: number;
  unparsed: number;
  late: number;
  /** Windows stored by this batch, and how many of them the ensemble flagged. */
  windowsClosed: number;
  anomalies: number;
  /** The last sequence number acknowledged, after this batch. */
  lastSeq: number | null;
}

/** Appends waiting beyond this are refused: the producer must slow down (HTTP 429, a paused socket). */
export const MAX_PENDING_APPENDS = 8;

export class LiveStream {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private broken: Error | null = null;
  // Wall time (ms) when the latest record time was first seen: idle time moves the stream's clock on.
  private latestRecord = -Infinity;
  private latestSeenAt = 0;

  private constructor(
    readonly stream: StreamRecord,
    readonly run: RunWithLogFile,
    private readonly models: DetectorModels,
    private readonly windows: LiveWindows,
    private readonly log: FileHandle,
    private lastSeq: number | null,
    /** How the stream reads its lines: the year of year-less stamps, the model's window and format. */
    readonly reading: { year: number; window: number; formatOptions: FormatOptions | undefined },
  ) {}

  /** Opens a live stream where its checkpoint left it. Throws a UserInputError sentence when it cannot run. */
  static async open(id: number): Promise<LiveStream> {
    const stream = await getStream(id);
    if (!stream) throw new UserInputError(`There is no stream ${id}.`);
    if (stream.state !== "live") throw new UserInputError(`Stream ${id} was stopped; create a new stream to send more lines.`);
    const run = await getRun(stream.runId);
    if (!run?.modelDir) throw new UserInputError(`Stream ${id} has no model any more: create it again with a trained run.`);
    const modelDir = await localModelDir(run.modelDir);
    const models = await loadModels(modelDir).catch(() => {
      throw new UserInputError(`The model of stream ${id} (run ${stream.modelRunId}) cannot be read any more: create the stream again with a trained run.`);
    });
    checkStreamableModel(models, `run ${stream.modelRunId}`);
    const path = streamLogPath(run.logFile.storedPath);
    if (path === null) throw new Error(`stream ${id}'s log is not a stream log: ${run.logFile.storedPath}`);
    await mkdir(dirname(path), { recursive: true });
    const log = await open(path, "a+");
    try {
      const size = (await log.stat()).size;
      if (size < stream.bytes) {
        throw new UserInputError(`Stream ${id}'s stored log is shorter than its checkpoint (${size} of ${stream.bytes} bytes): it was changed outside Logscope; create the stream again.`);
      }
      // Bytes past the checkpoint were never acknowledged: the sender sends them again.
      if (size > stream.bytes) await truncate(path, stream.bytes);
      const reading = { year: run.params.year ?? new Date().getUTCFullYear(), window: models.meta.params.window, formatOptions: predictionFormat(models.meta, undefined) };
      const windows = new LiveWindows(models, { name: stream.name, year: reading.year, formatOptions: reading.formatOptions, lateness: stream.lateness, resume: stream });
      const live = new LiveStream(stream, run, models, windows, log, stream.lastSeq, reading);
      const replay = Buffer.alloc(stream.bytes - stream.replayOffset);
      if (replay.length > 0) await log.read(replay, 0, replay.length, stream.replayOffset);
      const closed = windows.replay(replay);
      live.noteRecords(Date.now());
      if (closed) await live.commit(closed, {});
      return live;
    } catch (error) {
      await log.close();
      throw error;
    }
  }

  /** Appends whole lines (a final line break is added when missing). Refused while MAX_PENDING_APPENDS wait. */
  append(lines: Buffer, options: AppendOptions = {}): Promise<AppendOutcome> {
    if (this.pending >= MAX_PENDING_APPENDS) return Promise.reject(new BusyStreamError(this.stream.id));
    return this.enqueue(() => this.appendNow(lines, options));
  }

  /** Closes the windows that wall time has closed while no line came (called about 4 times a second). */
  tick(nowMs: number = Date.now()): Promise<number> {
    if (this.pending > 0 || !Number.isFinite(this.latestRecord)) return Promise.resolve(0);
    return this.enqueue(async () => {
      const closed = this.windows.advanceTo(this.latestRecord + (nowMs - this.latestSeenAt) / 1000);
      return closed ? (await this.commit(closed, {})).windowsClosed : 0;
    });
  }

  /** Ends the stream: every open window is closed and stored, the run is finished. */
  stop(): Promise<void> {
    return this.enqueue(async () => {
      await this.commit(this.windows.end(), {}, true);
      await this.close();
    });
  }

  /** Lets go of the log file (the process is stopping; the stream stays live in the store). */
  async close(): Promise<void> {
    this.broken ??= new Error(`stream ${this.stream.id} was closed`);
    this.models.autoencoder.dispose();
    await this.log.close().catch(() => undefined);
  }

  /** The reason this instance may not be used any more (a failed write): open the stream again. */
  get failure(): Error | null {
    return this.broken;
  }

  get lastSequence(): number | null {
    return this.lastSeq;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(() => {
      if (this.broken) throw this.broken;
      return work();
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => this.pending--);
  }

  private async appendNow(lines: Buffer, options: AppendOptions): Promise<AppendOutcome> {
    const before = this.windows.counts();
    if (options.seq !== undefined && this.lastSeq !== null && options.seq <= this.lastSeq) {
      return { lines: 0, duplicate: true, records: 0, unparsed: 0, late: 0, windowsClosed: 0, anomalies: 0, lastSeq: this.lastSeq };
    }
    // Checked in the queue, so a client may send batch n + 1 before batch n is answered.
    if (options.seq !== undefined && options.seq > (this.lastSeq ?? 0) + 1) throw new SequenceGapError(this.stream.id, options.seq, this.lastSeq);
    const bytes = lines.length === 0 || lines[lines.length - 1] === 10 ? lines : Buffer.concat([lines, Buffer.from("\n")]);
    try {
      await this.log.appendFile(bytes);
    } catch (error) {
      this.broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
    const closed = this.windows.push(bytes);
    this.noteRecords(Date.now());
    const outcome = await this.commit(closed, options);
    const after = this.windows.counts();
    return {
      ...outcome,
      lines: after.lines - before.lines,
      duplicate: false,
      records: after.records - before.records,
      unparsed: after.unparsed - before.unparsed,
      late: after.late - before.late,
    };
  }

  private noteRecords(nowMs: number): void {
    const latest = this.windows.latestRecordTime();
    if (latest !== null && latest > this.latestRecord) {
      this.latestRecord = latest;
      this.latestSeenAt = nowMs;
    }
  }

  /** Stores the windows that closed with the checkpoint; a failure breaks this instance (the store is the truth). */
  private async commit(closed: ClosedWindows | null, options: AppendOptions, stop = false): Promise<Pick<AppendOutcome, "windowsClosed" | "anomalies" | "lastSeq">> {
    const windows = closed ? { ...closed.results, dbscanClusters: closed.results.scores.dbscanCluster, lineRanges: closed.lineRanges } : undefined;
    try {
      await commitStreamBatch({ streamId: this.stream.id, runId: this.run.id, windows, checkpoint: this.windows.checkpoint(), lastSeq: options.seq, source: options.source, stop });
    } catch (error) {
      this.broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
    if (options.seq !== undefined) this.lastSeq = options.seq;
    let anomalies = 0;
    for (const label of closed?.results.labels.ensemble ?? []) anomalies += label ? 1 : 0;
    return { windowsClosed: closed?.results.windows.length ?? 0, anomalies, lastSeq: this.lastSeq };
  }
}

/** A numbered batch skipped ahead: the batches in between were never acknowledged. */
export class SequenceGapError extends Error {
  constructor(
    readonly streamId: number,
    readonly seq: number,
    readonly lastSeq: number | null,
  ) {
    const acknowledged = lastSeq === null ? "no batch was acknowledged yet" : `the last acknowledged was ${lastSeq}`;
    super(`Batch ${seq} skips ahead: stream ${streamId} expects Logscope-Seq ${(lastSeq ?? 0) + 1} next (${acknowledged}); send the batches in order.`);
    this.name = "SequenceGapError";
  }
}

/** Too many appends wait for this stream: the sender should retry a little later. */
export class BusyStreamError extends Error {
  constructor(readonly streamId: number) {
    super(`Stream ${streamId} is busy storing earlier lines: send again in a second.`);
    this.name = "BusyStreamError";
  }
}
