import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import type { RunEvaluation } from "@/lib/pipeline/evaluate-run";
import { readLabelsFile, type WindowLabelSource } from "@/lib/pipeline/read-labels";
import { writeFileAtomic } from "@/lib/pipeline/write-file-atomic";
import { formatEvaluationJson } from "./print-evaluation";

export const EVALUATION_FILE = "evaluation.json";

/** evaluation.json goes where --out puts the results. */
const EVALUATION_PLACE = { what: "the evaluation", option: "--out" };

export interface LabelsOption {
  /** The labels file as given. */
  path: string;
  source: WindowLabelSource;
  /** evaluation.json beside the results CSV. */
  evaluationPath: string;
}

/**
 * `--labels FILE` of detect and predict: read (and refused if unreadable) before the log is parsed,
 * so a wrong labels file costs no training time; whether it fits the log is checked once the log
 * is parsed, still before training and before anything is written.
 */
export async function readLabelsOption(value: string | boolean | string[] | undefined, outPath: string): Promise<LabelsOption | undefined> {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new UserInputError("Option --labels: give the path of a labels file.");
  }
  const evaluationPath = join(dirname(outPath), EVALUATION_FILE);
  if ((await stat(evaluationPath).catch(() => null))?.isDirectory()) {
    throw new UserInputError(`${evaluationPath} is a directory, but the evaluation is written there (beside --out): move it or choose another --out folder.`);
  }
  return { path: resolve(value), source: await readLabelsFile(value), evaluationPath };
}

/** Writes evaluation.json; called after the CSV, so a failure in between leaves no evaluation of results that were never written. */
export async function writeEvaluation(
  option: LabelsOption,
  evaluation: RunEvaluation | undefined,
  windows: readonly WindowFeatures[],
): Promise<RunEvaluation> {
  // The pipeline evaluates whenever it is given labels; a missing evaluation is a bug, not input.
  if (!evaluation) throw new Error("the pipeline returned no evaluation for the labels it was given");
  await writeFileAtomic(option.evaluationPath, formatEvaluationJson(evaluation, windows, option.path), { place: EVALUATION_PLACE });
  return evaluation;
}
