// npm run watch -- <file|-> --model models/<run-id>: score each window of a live log as it closes.
import { stat } from "node:fs/promises";
import { checkOutputPath, checkResultsPath, RESULTS_FILE } from "./check-output-path";
import { processIo, type CommandIo } from "./command-io";
import { flagsOf, LIST_FLAG_NAMES, parseCliArgs } from "./parse-cli-args";
import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { resultsCsvHeader } from "@/lib/pipeline/format-results-csv";
import { loadModels } from "@/lib/pipeline/model-store";
import { predictParamsSchema, savedModelOptions } from "./predict-command";
import { predictionFormat } from "@/lib/pipeline/predict-log";
import type { WindowResults } from "@/lib/pipeline/types";
import { checkFollowPath, followFile, readUntilAborted } from "@/lib/pipeline/watch-follow";
import { ResultsAppender } from "@/lib/pipeline/watch-output";
import { needsSettling, readHead, settleOnFile, settleOnHead, type StreamHead, type WatchReading } from "@/lib/pipeline/watch-reading";
import { anomalyLines, resultRows } from "@/lib/pipeline/watch-rows";
import { checkStreamableModel, WatchWindows } from "@/lib/pipeline/watch-windows";

const USAGE =
  "npm run watch -- <file|-> --model models/<run-id> [--out FILE] [--from-start] [--lateness SECONDS] [--year N] [--format F] " +
  "[--tz ZONE] [--field NAME=PATH] [--mask REGEX[=NAME]] [--time-format PATTERN]";

// As predict: the saved model fixes every other parameter; a format option given replaces the model's.

// Late records are reported on stderr at most this often (a clock skew can make thousands a second).
const LATE_REPORT_MS = 5000;

/** Where watch reads from besides the command line: tests give their own input and stop signal. */
export interface WatchEnvironment {
  /** What `-` reads; default standard input. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Stops a followed file (and standard input) as SIGINT/SIGTERM do; default: those signals. */
  signal?: AbortSignal;
  /** Milliseconds between a followed file's checks (default 250). */
  pollMs?: number;
}

function parseLateness(raw: string | boolean | string[] | undefined, window: number): number {
  if (raw === undefined) return window;
  const seconds = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UserInputError(`Option --lateness: give a number of seconds, 0 or more (got ${quoteInput(String(raw))}). Usage: ${USAGE}`);
  }
  return seconds;
}

/** SIGINT/SIGTERM as an AbortSignal, for as long as the command runs. */
function signalsUntil(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return { signal: controller.signal, release: () => (process.off("SIGINT", stop), process.off("SIGTERM", stop)) };
}

export async function watchCommand(argv: string[], io: CommandIo = processIo, env: WatchEnvironment = {}): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: ["model", ...flagsOf(predictParamsSchema), "out", "lateness"],
    flagOptions: ["from-start"],
    multipleOptions: LIST_FLAG_NAMES,
    positionals: 1,
  });
  const { model: modelArg, out = "anomaly_results_with_features.csv", lateness, fromStart, ...rest } = args.values;
  const { model, params, format } = savedModelOptions(modelArg, rest, USAGE);
  const source = args.positionals[0] as string;
  const fromStdin = source === "-";
  if (!fromStdin) await checkFollowPath(source);
  const outPath = fromStdin ? await checkOutputPath(String(out), RESULTS_FILE) : await checkResultsPath(String(out), source, undefined);

  const models = await loadModels(model);
  checkStreamableModel(models, model);
  const window = models.meta.params.window;
  const latenessSeconds = parseLateness(lateness, window);
  const formatOptions = predictionFormat(models.meta, Object.keys(format).length === 0 ? undefined : format);

  const stop = env.signal === undefined ? signalsUntil() : null;
  // Ours to abort too: a source left mid-read by a refusal must end for its handle to be let go.
  const reader = new AbortController();
  const signal = reader.signal;
  const external = env.signal ?? stop!.signal;
  if (external.aborted) reader.abort();
  external.addEventListener("abort", () => reader.abort(), { once: true });
  const name = fromStdin ? "standard input" : source;
  const chunks = fromStdin
    ? readUntilAborted(env.stdin ?? process.stdin, signal)
    : followFile(source, {
        fromStart: fromStart === true,
        signal,
        pollMs: env.pollMs,
        onEvent: (event) => io.progress(`${source} was ${event === "rotated" ? "rotated: reading the new file from its start" : "truncated: reading it again from its start"}\n`),
      });
  const output = await ResultsAppender.open(outPath, resultsCsvHeader(models.meta.featureNames));
  let lateReported = 0;
  let lastLateReport = 0;
  const reportLate = (watch: WatchWindows, force: boolean) => {
    const now = Date.now();
    if (watch.late === lateReported || (!force && now - lastLateReport < LATE_REPORT_MS)) return;
    const count = watch.late - lateReported;
    const what = count === 1 ? "1 record came after its window was" : `${count} records came after their windows were`;
    io.progress(`Late: ${what} written (${watch.late} so far; not merged)\n`);
    lateReported = watch.late;
    lastLateReport = now;
  };
  let anomalies = 0;
  const write = async (results: WindowResults | null) => {
    if (results === null) return;
    await output.append(resultRows(results));
    const lines = anomalyLines(results);
    anomalies += lines.length;
    if (lines.length > 0) io.out(`${lines.join("\n")}\n`);
  };

  const iterator = chunks[Symbol.asyncIterator]();
  try {
    io.progress(`Watching ${name}${fromStdin ? "" : fromStart === true ? " from its start" : " from its end"} with ${model}: windows of ${window} s, lateness ${latenessSeconds} s; results appended to ${outPath}\n`);
    let head: StreamHead = { chunks: [], ended: false };
    let reading: WatchReading = { year: params.year ?? new Date().getUTCFullYear(), yearInferred: false, formatOptions };
    if (needsSettling(params.year, formatOptions)) {
      const size = fromStdin ? 0 : (await stat(source)).size;
      if (size > 0) reading = await settleOnFile(source, size, params.year, formatOptions);
      else {
        head = await readHead(iterator);
        reading = await settleOnHead(head.chunks, params.year, formatOptions);
      }
    }
    if (reading.yearInferred) io.progress(`Year of year-less stamps: ${reading.year} (inferred; give --year to set it)\n`);
    const watch = new WatchWindows(models, {
      name,
      year: reading.year,
      formatOptions: reading.formatOptions,
      lateness: latenessSeconds,
      onLate: () => reportLate(watch, false),
    });
    for (const chunk of head.chunks) await write(watch.push(chunk));
    const first = head.ended ? null : await (head.pending ?? iterator.next());
    for (let next = first; next !== null && next.done !== true; next = await iterator.next()) await write(watch.push(next.value));
    const { results, summary } = watch.end();
    await write(results);
    reportLate(watch, true);
    io.out(
      `Lines: ${summary.lines} (parsed ${summary.parsedLines}, unparsed ${summary.unparsedLines})\n` +
        `Windows written: ${watch.windowsScored} of ${window} s; anomalies (ensemble): ${anomalies}; late records: ${watch.late} (lateness ${latenessSeconds} s)\n` +
        `Results: ${outPath}\n`,
    );
  } finally {
    // A followed file's handle and folder watch are let go however the loop ended.
    reader.abort();
    await iterator.return?.(undefined);
    stop?.release();
    await output.close();
    models.autoencoder.dispose();
  }
}
