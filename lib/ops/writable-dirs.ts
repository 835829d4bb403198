import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "@/lib/config/env";
import { UPLOADS_DIR_NAME } from "@/lib/db/database-location";
import { cannotWriteSentence, findPlaceProblem, type OutputPlace } from "@/lib/pipeline/write-failure";

/**
 * The folders a server writes in, checked before it serves: a read-only MODELS_DIR or DATA_DIR
 * would otherwise show only later, as every job failing with a generic message. The sentences are
 * the CLI's (lib/pipeline/write-failure.ts), with the variable to change in place of its option.
 */

export interface ServerDir {
  dir: string;
  place: OutputPlace;
}

/** DATA_DIR itself (database, labels), checked first: the instance lock is a file in it. */
export function dataDirCheck(config: Pick<Config, "dataDir">): ServerDir {
  return { dir: config.dataDir, place: { what: "Logscope's data", option: "DATA_DIR" } };
}

/**
 * The uploads folder and MODELS_DIR, checked once the lock is held: a server refused for the lock
 * creates neither.
 */
export function workDirChecks(config: Pick<Config, "dataDir" | "modelsDir">): ServerDir[] {
  return [
    { dir: join(config.dataDir, UPLOADS_DIR_NAME), place: { what: "the uploads", option: "DATA_DIR" } },
    { dir: config.modelsDir, place: { what: "the models", option: "MODELS_DIR" } },
  ];
}

/**
 * Creates `dir` if needed (and allowed) and writes and removes a file in it: a real write, because
 * permission bits do not tell everything (root ignores them, a read-only mount or a full disk does not).
 */
async function probe(dir: string, create: boolean): Promise<NodeJS.ErrnoException | null> {
  try {
    if (create) await mkdir(dir, { recursive: true });
    const file = join(dir, `.logscope-write-check-${process.pid}`);
    await writeFile(file, "");
    await rm(file, { force: true });
    return null;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

export interface FindUnwritableOptions {
  /**
   * Create missing folders (default, the server's way). Without it a missing folder is refused: a
   * worker on another machine whose shared folder is not mounted must not fill an empty local one.
   */
  create?: boolean;
}

/** The sentence refusing the first folder no file can be written in, or null when all take one. */
export async function findUnwritableDir(dirs: readonly ServerDir[], options: FindUnwritableOptions = {}): Promise<string | null> {
  const create = options.create ?? true;
  for (const { dir, place } of dirs) {
    const error = await probe(dir, create);
    if (!error) continue;
    // Looked at again to name the folder actually at fault (a file in the way, a parent's permissions);
    // mkdir reports a regular file at `dir` itself as EEXIST, which says nothing.
    const problem = (await findPlaceProblem(dir, create)) ?? { code: error.code ?? "EIO", path: dir };
    return cannotWriteSentence(place, dir, problem);
  }
  return null;
}
