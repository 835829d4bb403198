import type { z } from "zod";
import { UserInputError } from "@/lib/domain/user-input-error";

/**
 * A model directory whose files cannot be what `detect` wrote: the sentence names the directory
 * (as the analyst gave it), the file inside it and what is wrong, and says what to do. A
 * UserInputError, so the CLI prints it and exits 2.
 */
export class DamagedModelError extends UserInputError {
  readonly dir: string;
  readonly file: string;

  /** `problem` continues the file's name: "holds 1200 bytes where the autoencoder needs 2240". */
  constructor(dir: string, file: string, problem: string) {
    super(`The model in ${dir} is damaged: ${file} ${problem}; train it again with "npm run detect".`);
    this.name = "DamagedModelError";
    this.dir = dir;
    this.file = file;
  }
}

/** Where in a JSON value an issue is: "thresholds.isolationForest", "right[12]". */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

/**
 * The first issue of a failed parse as the end of a DamagedModelError sentence: "is not what
 * Logscope wrote (right[12]: node 12 has its right child at 3, ...)". zod's "Invalid input: "
 * prefix says nothing the sentence does not.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "is not what Logscope wrote";
  const message = issue.message.replace(/^Invalid input: /, "");
  const where = pathText(issue.path);
  return `is not what Logscope wrote (${where ? `${where}: ${message}` : message})`;
}
