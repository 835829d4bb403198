import { randomBytes } from "node:crypto";
import * as fsPromises from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { explainWriteError, type OutputPlace } from "./write-failure";

/** The file-system calls the writers use; tests pass one that fails midway (a full disk cannot be staged for real). */
export type WriterFs = Pick<typeof fsPromises, "writeFile" | "rename" | "rm" | "mkdir">;

export interface AtomicWriteOptions {
  /** What is written, for the sentence of a failed write (default: "the file"). */
  place?: OutputPlace;
  fs?: WriterFs;
}

/**
 * Writes beside the target and renames over it, so a failure midway (full disk, crash, Ctrl-C)
 * leaves the previous file intact instead of half a CSV. A failure the user can fix (full disk,
 * directory gone or read-only) becomes a WriteFailure sentence naming the target. `content` may
 * be pieces of text (resultsCsvPieces), written in turn so that the whole file is never one string.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? fsPromises;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, path);
  } catch (error) {
    // The write's own error is the one to report, even if the cleanup fails too.
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw await explainWriteError(error, options.place ?? { what: "the file" }, path);
  }
}
