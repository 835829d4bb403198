// npm run predict -- <log> --model models/<run-id>: score a log with saved models, no retraining.
import { checkResultsPath, RESULTS_FILE } from "./check-output-path";
import { flagsOf, LIST_FLAG_NAMES, optionError, parseCliArgs } from "./parse-cli-args";
import { formatReading, formatSummary, formatUnparsed } from "./print-summary";
import { createProgressPrinter } from "./progress-printer";
import { readLabelsOption, writeEvaluation } from "./labels-option";
import { formatEvaluation } from "./print-evaluation";
import { UserInputError } from "@/lib/domain/user-input-error";
import { resultsCsvPieces } from "@/lib/pipeline/format-results-csv";
import { checkFormatChoice, formatOptionsOf } from "@/lib/pipeline/format-params";
import { detectParamsSchema, fieldErrors } from "@/lib/pipeline/params";
import { predictLog } from "@/lib/pipeline/predict-log";
import { writeFileAtomic } from "@/lib/pipeline/write-file-atomic";
import { processIo, type CommandIo } from "./command-io";

const USAGE =
  "npm run predict -- <log> --model models/<run-id> [--year N] [--format F] [--tz ZONE] [--field NAME=PATH] [--mask REGEX[=NAME]] " +
  "[--time-format PATTERN] [--labels FILE] [--out FILE]";

// The saved models fix every other parameter. The year and the format options are the training
// schema's own fields, checked with its rules and sentences; a format option not given is the
// model's (meta.json logFormat), and without --year the year is inferred from the log.
/**
 * The --model and the reading options of a command that scores with a saved model (predict, watch),
 * checked: the model fixes every other parameter. Only what was given overrides the model's format
 * (the schema's default "auto" was not asked for).
 */
export function savedModelOptions(model: unknown, rest: Record<string, unknown>, usage: string) {
  // A blank --model (`--model= `) is as missing as none: there is no folder to name in a sentence.
  if (typeof model !== "string" || model.trim() === "") throw new UserInputError(`Missing --model: give a directory saved by "npm run detect". Usage: ${usage}`);
  const params = predictParamsSchema.safeParse(rest);
  if (!params.success) throw optionError(fieldErrors(params.error));
  const given = rest.format === undefined ? { ...params.data, format: "auto" } : params.data;
  const problem = rest.format === undefined ? null : checkFormatChoice(given);
  if (problem) throw optionError(problem);
  const format = formatOptionsOf(given);
  if (rest.format === undefined) delete format.format;
  return { model, params: params.data, format };
}

export const predictParamsSchema = detectParamsSchema.pick({ year: true, format: true, tz: true, fields: true, masks: true, timeFormat: true });

export async function predictCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: ["model", ...flagsOf(predictParamsSchema), "out", "labels"],
    multipleOptions: LIST_FLAG_NAMES,
    positionals: 1,
  });
  const { model, labels, out = "anomaly_results_with_features.csv", ...rest } = args.values;
  const { model: modelDir, params, format } = savedModelOptions(model, rest, USAGE);
  const logPath = args.positionals[0] as string;
  const outPath = await checkResultsPath(String(out), logPath, typeof labels === "string" ? labels : undefined);
  const labelsOption = await readLabelsOption(labels, outPath);

  const prediction = await predictLog({
    logPath,
    modelDir,
    year: params.year,
    format: Object.keys(format).length === 0 ? undefined : format,
    listener: createProgressPrinter(io),
    labels: labelsOption?.source,
  });
  await writeFileAtomic(outPath, resultsCsvPieces(prediction.results), { place: RESULTS_FILE });
  const evaluation = labelsOption && (await writeEvaluation(labelsOption, prediction.evaluation, prediction.results.windows));
  prediction.models.autoencoder.dispose();

  const { meta } = prediction.models;
  const reading = formatReading(prediction.reading, rest.format === undefined ? "the model's: the format its training log was read in" : "as given");
  if (reading) io.out(`${reading}\n`);
  const unparsed = formatUnparsed(prediction.summary);
  if (unparsed) io.out(`${unparsed}\n`);
  io.out(`Model: ${modelDir} (trained on ${meta.input.fileName}, ${meta.createdAt})\n`);
  io.out(`${formatSummary(prediction.summary, prediction.results.thresholds, meta.eps, meta.params.window)}\n`);
  if (evaluation) io.out(`${formatEvaluation(evaluation, prediction.results.windows)}\n`);
  io.out(`Results: ${outPath}\n${labelsOption ? `Evaluation: ${labelsOption.evaluationPath}\n` : ""}`);
}
