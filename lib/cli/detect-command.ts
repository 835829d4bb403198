// npm run detect -- <log> [options]: train the three detectors on a log, write the docs/pipeline.md §6 CSV
// and save the models under models/<run-id>.
import { checkModelsDir, checkResultsPath, RESULTS_FILE } from "./check-output-path";
import { flagOf, flagsOf, LIST_FLAG_NAMES, optionError, parseCliArgs } from "./parse-cli-args";
import { formatReading, formatSummary, formatUnparsed } from "./print-summary";
import { createProgressPrinter } from "./progress-printer";
import { readLabelsOption, writeEvaluation } from "./labels-option";
import { formatEvaluation } from "./print-evaluation";
import { resultsCsvPieces } from "@/lib/pipeline/format-results-csv";
import { checkDetectParams, detectParamsSchema, type DetectParamKey } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { writeFileAtomic } from "@/lib/pipeline/write-file-atomic";
import { processIo, type CommandIo } from "./command-io";

// What the usage line shows after each parameter's flag, in the usage's order. Keyed by the
// schema's fields, so TypeScript asks for an entry whenever a parameter is added.
const PARAM_PLACEHOLDERS: Record<DetectParamKey, string> = {
  profile: "seed|recommended",
  year: "N",
  window: "S",
  features: "seed|extended",
  eps: "E|auto",
  minSamples: "M",
  contamination: "C|auto",
  aePercentile: "P|auto",
  votes: "V",
  combine: "vote|score",
  epochs: "N",
  seed: "N",
  format: "F",
  tz: "ZONE",
  fields: "NAME=PATH",
  masks: "REGEX[=NAME]",
  timeFormat: "PATTERN",
};

const USAGE = `npm run detect -- <log> ${Object.entries(PARAM_PLACEHOLDERS)
  .map(([key, value]) => `[--${flagOf(key)} ${value}]`)
  .join(" ")} [--labels FILE] [--out FILE] [--models-dir DIR]`;

// One flag per schema field (`minSamples` -> `--min-samples`); values go to checkDetectParams as
// typed ("auto" included), so the CLI accepts exactly what the dashboard and the API accept.
const PARAM_OPTIONS = flagsOf(detectParamsSchema);

export async function detectCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: [...PARAM_OPTIONS, "out", "models-dir", "labels"],
    multipleOptions: LIST_FLAG_NAMES,
    positionals: 1,
  });
  const { out = "anomaly_results_with_features.csv", modelsDir = "models", labels, ...rest } = args.values;
  const check = checkDetectParams(rest);
  if (!check.ok || !check.params) throw optionError(check.errors);
  const logPath = args.positionals[0] as string;
  // Where the results and the models go is checked before the log is read: a wrong place costs no training.
  const outPath = await checkResultsPath(String(out), logPath, typeof labels === "string" ? labels : undefined);
  const modelsPath = await checkModelsDir(String(modelsDir));
  const labelsOption = await readLabelsOption(labels, outPath);

  const run = await runDetection({
    logPath,
    params: check.params,
    modelsDir: modelsPath,
    listener: createProgressPrinter(io),
    labels: labelsOption?.source,
  });
  await writeFileAtomic(outPath, resultsCsvPieces(run.results), { place: RESULTS_FILE });
  const evaluation = labelsOption && (await writeEvaluation(labelsOption, run.evaluation, run.results.windows));
  run.models.autoencoder.dispose();

  const reading = formatReading(run.reading);
  if (reading) io.out(`${reading}\n`);
  const unparsed = formatUnparsed(run.summary);
  if (unparsed) io.out(`${unparsed}\n`);
  io.out(`${formatSummary(run.summary, run.results.thresholds, run.models.meta.eps, check.params.window)}\n`);
  if (evaluation) io.out(`${formatEvaluation(evaluation, run.results.windows, run.results.thresholds)}\n`);
  io.out(`Results: ${outPath}\n${labelsOption ? `Evaluation: ${labelsOption.evaluationPath}\n` : ""}Models: ${run.modelDir}\n`);
}
