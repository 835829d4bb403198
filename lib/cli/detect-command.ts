// npm run detect -- <log> [options]: train the three detectors on a log, write the SPEC §6 CSV
// and save the models under models/<run-id>.
import { checkModelsDir, checkOutputPath } from "./check-output-path";
import { parseCliArgs } from "./parse-cli-args";
import { formatSummary, formatUnparsed } from "./print-summary";
import { createProgressPrinter } from "./progress-printer";
import { UserInputError } from "@/lib/pipeline/errors";
import { formatResultsCsv } from "@/lib/pipeline/format-results-csv";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { writeFileAtomic } from "@/lib/pipeline/write-file-atomic";
import { processIo, type CommandIo } from "./command-io";

const USAGE =
  "npm run detect -- <log> [--year N] [--window S] [--eps E|auto] [--min-samples M] [--contamination C] " +
  "[--ae-percentile P] [--votes V] [--epochs N] [--seed N] [--out FILE] [--models-dir DIR]";

const PARAM_OPTIONS = ["year", "window", "eps", "min-samples", "contamination", "ae-percentile", "votes", "epochs", "seed"];

export async function detectCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: [...PARAM_OPTIONS, "out", "models-dir"],
    positionals: 1,
  });
  const { out = "anomaly_results_with_features.csv", modelsDir = "models", ...rest } = args.values;
  const check = checkDetectParams(rest);
  if (!check.ok || !check.params) {
    const [field, message] = Object.entries(check.errors)[0] ?? ["input", "invalid options"];
    throw new UserInputError(`Option --${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${message}.`);
  }
  const outPath = await checkOutputPath(String(out), "--out");
  const modelsPath = await checkModelsDir(String(modelsDir));
  const logPath = args.positionals[0] as string;

  const run = await runDetection({
    logPath,
    params: check.params,
    modelsDir: modelsPath,
    listener: createProgressPrinter(io),
  });
  await writeFileAtomic(outPath, formatResultsCsv(run.results));
  run.models.autoencoder.dispose();

  const unparsed = formatUnparsed(run.summary);
  if (unparsed) io.out(`${unparsed}\n`);
  io.out(`${formatSummary(run.summary, run.results.thresholds, run.models.meta.eps, check.params.window)}\n`);
  io.out(`Results: ${outPath}\nModels: ${run.modelDir}\n`);
}
