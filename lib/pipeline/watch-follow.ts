import { watch, type FSWatcher } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { logFileSize } from "./read-log-file";

/**
 * Follows a growing file as `tail -F` does (npm run watch): from its end (or start), across
 * rotation (the file renamed and a new one made at the path: the old one is read to its end, then
 * the new one from its start) and truncation (the size drops below what was read: read from 0).
 * fs.watch on the folder wakes it early; a periodic stat is the check that counts, since fs.watch
 * misses events (network file systems, some editors' writes, a rename racing the watcher).
 * A truncation followed by writes past the old size before the next check looks like growth: as
 * with tail -F, only a size drop is seen.
 */

export interface FollowOptions {
  /** Read what the file holds already; default: only what is written from now on. */
  fromStart?: boolean;
  /** Start reading at this byte of the file (a resumed file stream's stored offset); overrides fromStart. */
  start?: number;
  /** Ends the following (the generator returns once the current read is given out). */
  signal: AbortSignal;
  /** Milliseconds between stats when fs.watch says nothing (default 250). */
  pollMs?: number;
  /** Told of each rotation and truncation seen. */
  onEvent?: (event: "rotated" | "truncated") => void;
}

const CHUNK_BYTES = 1 << 20;

/** Refuses, in one sentence, a path that cannot be followed (missing, a folder, unreadable). */
export async function checkFollowPath(path: string): Promise<void> {
  await logFileSize(path);
}

/** Resolves after `ms`, on a wake-up, or on abort, whichever comes first. */
class Waker {
  private wake: (() => void) | null = null;

  poke(): void {
    this.wake?.();
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((done) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", finish);
        this.wake = null;
        done();
      };
      const timer = setTimeout(finish, ms);
      signal.addEventListener("abort", finish, { once: true });
      this.wake = finish;
    });
  }
}

/** The chunks of the file at `path` as they are written, until `signal` aborts. */
export async function* followFile(path: string, options: FollowOptions): AsyncGenerator<Uint8Array> {
  const { signal, pollMs = 250 } = options;
  const waker = new Waker();
  let watcher: FSWatcher | null = null;
  try {
    // The folder, not the file: after a rotation the file's own watch would follow the old inode.
    watcher = watch(dirname(path), { persistent: false }, (_event, name) => {
      if (name === null || name === basename(path)) waker.poke();
    });
    watcher.on("error", () => undefined);
  } catch {
    // No fs.watch here (some file systems): the periodic stat alone follows the file.
  }
  let file: FileHandle = await open(path, "r");
  let identity = await file.stat();
  let position = options.start ?? (options.fromStart === true ? 0 : identity.size);
  const buffer = new Uint8Array(CHUNK_BYTES);
  let drained = false;
  try {
    while (!signal.aborted) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        // A copy: the buffer is read into again before the consumer is done with the chunk.
        yield buffer.slice(0, bytesRead);
        continue;
      }
      // At the end of what we hold: has the path moved on to a new file, or this one shrunk?
      const now = await stat(path).catch(() => null);
      if (now !== null && (now.ino !== identity.ino || now.dev !== identity.dev)) {
        // Rotated. What was written to the old file before the new one appeared may have come after
        // the read above: read it to its end once more, then the new one from its start.
        if (!drained) {
          drained = true;
          continue;
        }
        drained = false;
        const next = await open(path, "r").catch(() => null);
        if (next !== null) {
          await file.close();
          file = next;
          identity = await file.stat();
          position = 0;
          options.onEvent?.("rotated");
          continue;
        }
      } else if (now !== null && now.size < position) {
        position = 0;
        options.onEvent?.("truncated");
        continue;
      }
      await waker.sleep(pollMs, signal);
    }
  } finally {
    watcher?.close();
    await file.close();
  }
}

/** The chunks of a stream (standard input) until it ends or `signal` aborts. */
export async function* readUntilAborted(chunks: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const aborted = new Promise<null>((done) => {
    if (signal.aborted) done(null);
    signal.addEventListener("abort", () => done(null), { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === null || next.done === true) return;
      yield next.value;
    }
  } finally {
    // Not awaited: a stream blocked in a read would hold the caller until it gives a byte.
    void iterator.return?.();
  }
}
