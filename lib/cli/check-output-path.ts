import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UserInputError } from "@/lib/domain/user-input-error";

/** Checked before any work starts, so a typo in --out does not cost a whole training run. */
export async function checkOutputPath(path: string, option: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (info?.isDirectory()) {
    throw new UserInputError(`${option} ${path} is a directory: give a file name such as ${path.replace(/\/$/, "")}/results.csv.`);
  }
  const parent = await stat(dirname(full)).catch(() => null);
  if (!parent?.isDirectory()) {
    throw new UserInputError(`${option} ${path}: the folder ${dirname(full)} does not exist; create it or choose another path.`);
  }
  return full;
}

/** A models directory may not exist yet (it is created), but must not be a file. */
export async function checkModelsDir(path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new UserInputError(`--models-dir ${path} is a file: give a directory (it is created if missing).`);
  }
  return full;
}
