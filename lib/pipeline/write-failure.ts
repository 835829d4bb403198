import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * The one wording of "this cannot be written there", shared by the checks the CLI makes before any
 * work (lib/cli/check-output-path.ts) and by the writers when the file system fails them midway
 * (write-file-atomic.ts, model-store.ts): "Cannot write the results to /x/y.csv: the directory /x
 * does not exist; create it or choose another --out."
 */

/** What a command writes, as its sentences name it, and the option that chooses where. */
export interface OutputPlace {
  /** "the results", "the models", ... */
  what: string;
  /** "--out"; absent where no option chooses the place (the server's MODELS_DIR). */
  option?: string;
}

/** Why a directory cannot take a new file: a Node error code and the path it is about. */
export interface PlaceProblem {
  code: string;
  path: string;
}

type Reason = (path: string, another: string) => string;

const denied: Reason = (path, another) => `you may not write in the directory ${path}; make it writable or choose ${another}`;

/** What each code means and what to do about it; `path` is the directory (or file) at fault. */
const REASONS: Record<string, Reason> = {
  ENOENT: (path, another) => `the directory ${path} does not exist; create it or choose ${another}`,
  ENOTDIR: (path, another) => `${path} is a file, not a directory; choose ${another}`,
  EACCES: denied,
  EPERM: denied,
  EROFS: (path, another) => `${path} is on a read-only file system; choose ${another}`,
  ENOSPC: () => "the disk is full, so nothing was written; free some space and run again",
  EDQUOT: () => "the disk quota is used up, so nothing was written; free some space and run again",
  EFBIG: (_path, another) => `the file is larger than the file system allows, so nothing was written; choose ${another}`,
};

/** Codes that say where or how much may be written: the user's to fix, not a bug. */
export function isWriteProblemCode(code: unknown): code is string {
  return typeof code === "string" && code in REASONS;
}

/** "Cannot write the results to /x/y.csv: the directory /x does not exist; create it or choose another --out." */
export function cannotWriteSentence(place: OutputPlace, target: string, problem: PlaceProblem): string {
  const another = place.option ? `another ${place.option}` : "another place";
  const reason = REASONS[problem.code]?.(problem.path, another) ?? `the file system refused it (${problem.code})`;
  return `Cannot write ${place.what} to ${target}: ${reason}.`;
}

/**
 * Why no new file can be created in `dir`, or null when one can. With `mayCreate`, `dir` may be
 * missing (it is created on the way): then its nearest existing ancestor must be a writable
 * directory. access() is asked rather than a file written, so a check leaves nothing behind; it
 * reports EROFS for a read-only mount and EACCES for permissions (never for root, who may write
 * anywhere permissions are concerned).
 */
export async function findPlaceProblem(dir: string, mayCreate: boolean): Promise<PlaceProblem | null> {
  let existing = dir;
  let info = await stat(existing).catch(() => null);
  while (!info && dirname(existing) !== existing) {
    existing = dirname(existing);
    info = await stat(existing).catch(() => null);
  }
  if (!info) return { code: "ENOENT", path: dir };
  if (!info.isDirectory()) return { code: "ENOTDIR", path: existing };
  if (existing !== dir && !mayCreate) return { code: "ENOENT", path: dir };
  const denied = await access(existing, constants.W_OK | constants.X_OK).then(
    () => null,
    (error: NodeJS.ErrnoException) => error.code ?? "EACCES",
  );
  return denied ? { code: denied, path: existing } : null;
}

/**
 * A write that failed for a reason the user can fix (a full disk, a directory removed or made
 * read-only while the run worked). Not a UserInputError, so a background job still reports it as a
 * failure of the server; the CLI prints the sentence and exits 2.
 */
export class WriteFailure extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "WriteFailure";
  }
}

export function isWriteFailure(error: unknown): error is WriteFailure {
  return error instanceof WriteFailure;
}

/**
 * `error` as a WriteFailure naming `target` when the file system refused the write for a reason
 * of the place (looked at again, so the sentence names the directory actually at fault), or
 * `error` itself when it is anything else. `dir` is where the file was being created.
 */
export async function explainWriteError(error: unknown, place: OutputPlace, target: string, dir: string = dirname(target)): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!isWriteProblemCode(code)) return error;
  // A full disk is no fault of the directory; anything else is looked for along the path.
  const located = code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG" ? null : await findPlaceProblem(dir, true);
  return new WriteFailure(cannotWriteSentence(place, target, located ?? { code, path: dir }), { cause: error });
}
