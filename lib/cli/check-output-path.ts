import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UserInputError } from "@/lib/domain/user-input-error";
import { cannotWriteSentence, findPlaceProblem, type OutputPlace } from "@/lib/pipeline/write-failure";
import { EVALUATION_FILE } from "./labels-option";

/**
 * Every place a command writes is checked here, before any parsing or training, so a typo in
 * --out, a read-only folder or a log named as its own output costs a sentence, not a training run.
 * The writers word a failure later on (a full disk) with the same sentence (write-failure.ts).
 */

/** A file an option chooses, and a name to suggest when the option names a directory instead. */
export interface OutputFile extends OutputPlace {
  option: string;
  example: string;
}

export const RESULTS_FILE: OutputFile = { what: "the results", option: "--out", example: "results.csv" };
export const TEMPLATES_FILE: OutputFile = { what: "the templates", option: "--out", example: "templates.csv" };
const MODELS_PLACE: OutputPlace = { what: "the models", option: "--models-dir" };

/** A file a command reads, as a refusal names it ("the log being read"). */
export interface InputFile {
  path: string;
  role: string;
}

/** A file to be written: its folder must exist and be writable, and it must not be a folder itself. Returns the absolute path. */
export async function checkOutputPath(path: string, file: OutputFile): Promise<string> {
  const full = resolve(path);
  if ((await stat(full).catch(() => null))?.isDirectory()) {
    throw new UserInputError(`${file.option} ${path} is a directory: give a file name such as ${join(path, file.example)}.`);
  }
  const problem = await findPlaceProblem(dirname(full), false);
  if (problem) throw new UserInputError(cannotWriteSentence(file, full, problem));
  return full;
}

/** A models directory may not exist yet (it is created), but it or its nearest existing parent must be a writable directory. */
export async function checkModelsDir(path: string): Promise<string> {
  const full = resolve(path);
  const problem = await findPlaceProblem(full, true);
  if (problem) throw new UserInputError(cannotWriteSentence(MODELS_PLACE, full, problem));
  return full;
}

/** An output as a refusal names it: "--out ./x.log", and what to do instead. */
export interface OutputMention {
  path: string;
  /** The path as typed, when the sentence names it: an input typed the same way is not named twice. */
  shown: string;
  subject: string;
  remedy: string;
}

/**
 * Refuses to write an output that is one of `inputs`, however either is named (`./x.log` and
 * `x.log`, a symlink, a hard link: the same device and inode); renaming the results over it would
 * replace the log they were computed from.
 */
export async function refuseInputAsOutput(output: OutputMention, inputs: readonly InputFile[]): Promise<void> {
  const written = await stat(output.path).catch(() => null);
  if (!written) return;
  for (const input of inputs) {
    const read = await stat(input.path).catch(() => null);
    if (read && read.dev === written.dev && read.ino === written.ino) {
      const named = input.path === output.shown ? "" : ` (${input.path})`;
      throw new UserInputError(`${output.subject} is ${input.role}${named}: writing there would overwrite it; ${output.remedy}.`);
    }
  }
}

/**
 * detect's and predict's outputs: the results CSV (--out) and, with --labels, evaluation.json
 * beside it; neither may be the log or the labels file. Returns the CSV's absolute path.
 */
export async function checkResultsPath(out: string, log: string, labels: string | undefined): Promise<string> {
  const outPath = await checkOutputPath(out, RESULTS_FILE);
  const inputs: InputFile[] = [{ path: log, role: "the log being read" }];
  if (labels !== undefined) inputs.push({ path: labels, role: "the labels file given to --labels" });
  await refuseInputAsOutput({ path: outPath, shown: out, subject: `--out ${out}`, remedy: "choose another --out" }, inputs);
  if (labels !== undefined) {
    const evaluationPath = join(dirname(outPath), EVALUATION_FILE);
    const subject = `The evaluation written beside --out, ${evaluationPath},`;
    await refuseInputAsOutput({ path: evaluationPath, shown: evaluationPath, subject, remedy: "choose another --out folder" }, inputs);
  }
  return outPath;
}
