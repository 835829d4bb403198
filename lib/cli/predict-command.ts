// npm run predict -- <log> --model models/<run-id>: score a log with saved models, no retraining.
import { checkOutputPath } from "./check-output-path";
import { parseCliArgs } from "./parse-cli-args";
import { formatSummary, formatUnparsed } from "./print-summary";
import { createProgressPrinter } from "./progress-printer";
import { UserInputError } from "@/lib/pipeline/errors";
import { formatResultsCsv } from "@/lib/pipeline/format-results-csv";
import { detectParamsSchema } from "@/lib/pipeline/params";
import { predictLog } from "@/lib/pipeline/predict-log";
import { writeFileAtomic } from "@/lib/pipeline/write-file-atomic";
import { processIo, type CommandIo } from "./command-io";

const USAGE = "npm run predict -- <log> --model models/<run-id> [--year N] [--out FILE]";

export async function predictCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: ["model", "year", "out"],
    positionals: 1,
  });
  const { model, year, out = "anomaly_results_with_features.csv" } = args.values;
  if (typeof model !== "string") throw new UserInputError(`Missing --model: give a directory saved by "npm run detect". Usage: ${USAGE}`);
  const yearCheck = detectParamsSchema.shape.year.safeParse(year);
  if (!yearCheck.success) throw new UserInputError(`Option --year: ${yearCheck.error.issues[0]?.message ?? "invalid year"}.`);
  const outPath = await checkOutputPath(String(out), "--out");

  const prediction = await predictLog({
    logPath: args.positionals[0] as string,
    modelDir: model,
    year: yearCheck.data,
    listener: createProgressPrinter(io),
  });
  await writeFileAtomic(outPath, formatResultsCsv(prediction.results));
  prediction.models.autoencoder.dispose();

  const { meta } = prediction.models;
  const unparsed = formatUnparsed(prediction.summary);
  if (unparsed) io.out(`${unparsed}\n`);
  io.out(`Model: ${model} (trained on ${meta.input.fileName}, ${meta.createdAt})\n`);
  io.out(`${formatSummary(prediction.summary, prediction.results.thresholds, meta.eps, meta.params.window)}\n`);
  io.out(`Results: ${outPath}\n`);
}
