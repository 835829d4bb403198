import { stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { getStream } from "@/lib/db/get-stream";
import { fileSourceConfigSchema, type StreamRecord } from "@/lib/domain/stream-types";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { followFile } from "@/lib/pipeline/watch-follow";
import { BusyStreamError } from "./live-stream";
import { ProblemReporter } from "./problem-reporter";
import { resolveStreamFile } from "./stream-file-path";
import { openLiveStream } from "./stream-registry";

/**
 * A file stream's source (issue #17, docs/live.md): follows a file on the server as `tail -F` does
 * (lib/pipeline/watch-follow.ts: rotation, truncation) and appends its whole lines, each batch with
 * the file's identity (`device:inode`) and the offset after its last line, which the stream stores
 * with the checkpoint in the same transaction. So after a crash the stream's stored log (cut back
 * to the checkpoint) and the file position agree, and the source goes on from that offset: nothing
 * read twice, nothing skipped. If the path names another file by then (rotated while the server was
 * down), the new file is read from its start and lastProblem says what could not be read.
 * A new stream starts at the file's end (as `tail -F` and `npm run watch` do), recorded at once.
 */

const EMPTY = Buffer.alloc(0);
/** A "line" longer than this without a line break is taken as it is, so memory stays bounded. */
const MAX_LINE_BYTES = 1 << 20;

interface StartPoint {
  identity: string;
  offset: number;
}

export class FileSource {
  private readonly controller = new AbortController();
  private readonly problems: ProblemReporter;
  private running: Promise<void> = Promise.resolve();
  // The file being read, the bytes of it read so far, and those past its last line break.
  private identity = "";
  private position = 0;
  private rest: Buffer = EMPTY;

  private constructor(
    readonly streamId: number,
    readonly path: string,
  ) {
    this.problems = new ProblemReporter(streamId);
  }

  /** Starts following; throws a UserInputError sentence when it cannot (path not allowed or missing, model gone). */
  static async start(stream: StreamRecord): Promise<FileSource> {
    const parsed = fileSourceConfigSchema.safeParse(stream.sourceConfig);
    if (stream.source !== "file" || !parsed.success) throw new Error(`stream ${stream.id} is not a file stream`);
    const path = await resolveStreamFile(parsed.data.path);
    // Opened first: a stream whose model is gone is refused before anything is read for it.
    await openLiveStream(stream.id);
    const source = new FileSource(stream.id, path);
    const start = await source.startPoint(stream);
    source.running = source.run(start);
    return source;
  }

  /** Stops following. `flushLastLine`: the stream ends, so a last line without its line break is appended too. */
  async close(flushLastLine: boolean): Promise<void> {
    this.controller.abort();
    await this.running;
    if (flushLastLine && this.rest.length > 0 && this.identity !== "") {
      await this.append(this.rest, this.position).catch(() => undefined);
      this.rest = EMPTY;
    }
    await this.problems.flush();
  }

  /** Where to read from, given the stream's stored position (see the file comment). */
  private async startPoint(stream: StreamRecord): Promise<StartPoint> {
    const info = await stat(this.path, { bigint: true });
    const identity = `${info.dev}:${info.ino}`;
    const size = Number(info.size);
    const { sourceFile, sourceOffset } = stream;
    if (sourceFile === null || sourceOffset === null) {
      // Recorded before the first line comes, so a restart in between starts here too, not at a later end.
      await this.append(EMPTY, size, identity);
      return { identity, offset: size };
    }
    if (sourceFile === identity) {
      if (size >= sourceOffset) return { identity, offset: sourceOffset };
      this.problems.report(`${this.path} was truncated while the stream was not running (${size} bytes where ${sourceOffset} had been read): it is read again from its start.`);
      return { identity, offset: 0 };
    }
    this.problems.report(
      `${this.path} was replaced (rotated) while the stream was not running: what the old file got after byte ${sourceOffset} was not read, and the new file is read from its start.`,
    );
    return { identity, offset: 0 };
  }

  /** Follows until closed; after a failure (the store, the file), starts again from the stored position. */
  private async run(first: StartPoint): Promise<void> {
    const { signal } = this.controller;
    let start: StartPoint | null = first;
    while (!signal.aborted) {
      try {
        if (start === null) {
          const stream = await getStream(this.streamId);
          if (stream?.state !== "live") return;
          start = await this.startPoint(stream);
        }
        await this.follow(start);
      } catch (error) {
        if (signal.aborted) return;
        const stream = await getStream(this.streamId).catch(() => undefined);
        if (stream === null || stream?.state === "stopped") return;
        const why = error instanceof Error ? error.message.replace(/\.$/, "") : String(error);
        this.problems.report(isUserInputError(error) ? error.message : `Following ${this.path} failed (${why}); it starts again from its last stored position every second.`);
        await sleep(1000, undefined, { signal }).catch(() => undefined);
      }
      start = null;
    }
  }

  private async follow(start: StartPoint): Promise<void> {
    this.identity = start.identity;
    this.position = start.offset;
    this.rest = EMPTY;
    // The bytes before the stored offset were taken already: reading starts there.
    const events: ("rotated" | "truncated")[] = [];
    const chunks = followFile(this.path, { start: start.offset, signal: this.controller.signal, onEvent: (event) => events.push(event) });
    for await (const chunk of chunks) {
      for (let event = events.shift(); event !== undefined; event = events.shift()) await this.turn(event);
      const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (data.length > 0) await this.take(data);
    }
  }

  /** The file was rotated or truncated: its last line without a line break is all it will get, then the new content from 0. */
  private async turn(event: "rotated" | "truncated"): Promise<void> {
    if (this.rest.length > 0) await this.append(this.rest, this.position);
    this.rest = EMPTY;
    if (event === "rotated") {
      const info = await stat(this.path, { bigint: true }).catch(() => null);
      // Unknown (moved on again already): a restart then reads whatever the path names from its start.
      this.identity = info ? `${info.dev}:${info.ino}` : "unknown";
    }
    this.position = 0;
  }

  /** Appends the whole lines of what was read; keeps the bytes after the last line break for the next read. */
  private async take(data: Buffer): Promise<void> {
    this.position += data.length;
    const bytes = this.rest.length > 0 ? Buffer.concat([this.rest, data]) : data;
    const lastBreak = bytes.lastIndexOf(0x0a);
    if (lastBreak === -1 && bytes.length <= MAX_LINE_BYTES) {
      this.rest = Buffer.from(bytes);
      return;
    }
    const end = lastBreak === -1 ? bytes.length : lastBreak + 1;
    // A copy: the rest outlives this chunk.
    this.rest = Buffer.from(bytes.subarray(end));
    await this.append(bytes.subarray(0, end), this.position - this.rest.length);
  }

  private async append(lines: Buffer, offset: number, identity = this.identity): Promise<void> {
    for (;;) {
      try {
        await (await openLiveStream(this.streamId)).append(lines, { source: { file: identity, offset } });
        return;
      } catch (error) {
        // Only an HTTP sender besides this source could fill the queue: wait for it.
        if (!(error instanceof BusyStreamError)) throw error;
        await sleep(50);
      }
    }
  }
}
