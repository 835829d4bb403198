/**
 * npm run generate -- --lines N --out FILE [--seed S] [--start ISO] [--hosts H] [--episodes E]
 *                     [--labels FILE] [--cross-year]
 *
 * Writes a seeded synthetic multi-host syslog and a labels CSV of its anomalous 60 s windows.
 * Both files are written to temporary names beside their targets and renamed at the end, so a
 * failed run leaves no half-written output.
 */
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import {
  DEFAULT_HOSTS, DEFAULT_SEED, DEFAULT_START_ISO, countEpisodesByKind, formatIso, formatLabelsCsv, generateLogs,
  parseIsoStart, planGeneration, yearOf, type GenerateOptions, type GenerationPlan, type GenerationResult,
} from "../lib/generate";

const USAGE = `Usage: npm run generate -- --lines N --out FILE [options]

  --lines N        exact number of log lines to write (required)
  --out FILE       log file to write (required)
  --seed S         integer seed; the same arguments and seed give identical files (default ${DEFAULT_SEED})
  --start ISO      time of the first line, e.g. 2025-06-14T00:00:00Z (default ${DEFAULT_START_ISO})
  --hosts H        number of hosts in the fleet (default ${DEFAULT_HOSTS})
  --episodes E     number of anomaly episodes (default: about one per 10,000 lines)
  --labels FILE    labels CSV (default: <out>.labels.csv)
  --cross-year     allow episodes after the end of the start year (by default they stay in it)
  --help           show this text`;

/** A problem with the user's input: one sentence on stderr and exit code 2. */
class UsageError extends Error {}

function parseWhole(value: string | undefined, name: string, allowNegative = false): number | undefined {
  if (value === undefined) return undefined;
  const pattern = allowNegative ? /^-?\d[\d_]*$/ : /^\d[\d_]*$/;
  if (!pattern.test(value.trim())) {
    throw new UsageError(`--${name} must be a whole number, got "${value}".`);
  }
  return Number(value.trim().replace(/_/g, ""));
}

interface Request {
  options: GenerateOptions;
  out: string;
  labels: string;
  /** The paths as the user wrote them, for the summary. */
  shown: { out: string; labels: string };
}

function readOptions(argv: string[]): Request | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        lines: { type: "string" },
        out: { type: "string" },
        seed: { type: "string" },
        start: { type: "string" },
        hosts: { type: "string" },
        episodes: { type: "string" },
        labels: { type: "string" },
        "cross-year": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = error instanceof Error ? error.message : String(error);
    const option = /'(-[^' ]*)/.exec(text)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`Unknown option ${option ?? ""}; see --help.`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`Unexpected argument (options take the form --name value); see --help.`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`Option ${option ?? ""} needs a value; see --help.`);
    throw new UsageError(`${text.split("\n")[0]}`);
  }
  if (values.help) return null;
  if (values.lines === undefined) throw new UsageError("--lines N is required (the number of lines to write); see --help.");
  if (values.out === undefined || values.out.trim() === "") throw new UsageError("--out FILE is required; see --help.");
  let start: number | undefined;
  if (values.start !== undefined) {
    const parsed = parseIsoStart(values.start);
    if (parsed === null) throw new UsageError(`--start must be an ISO date-time such as 2025-06-14T00:00:00Z, got "${values.start}".`);
    if (parsed < 0) throw new UsageError(`--start must be in 1970 or later, got "${values.start}".`);
    start = parsed;
  }
  const lines = parseWhole(values.lines, "lines") as number;
  if (lines < 1) throw new UsageError("--lines must be at least 1.");
  const out = path.resolve(values.out);
  const labels = path.resolve(values.labels ?? `${values.out}.labels.csv`);
  if (labels === out) throw new UsageError("--labels must name a different file than --out.");
  return {
    options: {
      lines,
      seed: parseWhole(values.seed, "seed", true),
      start,
      hosts: parseWhole(values.hosts, "hosts"),
      episodes: parseWhole(values.episodes, "episodes"),
      crossYear: values["cross-year"] ?? false,
    },
    out,
    labels,
    shown: { out: values.out, labels: values.labels ?? `${values.out}.labels.csv` },
  };
}

function checkTarget(file: string, flag: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`The directory of ${flag} (${dir}) does not exist.`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${flag} ${file} is a directory, not a file.`);
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

const temporaries = new Set<string>();

function removeTemporaries(): void {
  for (const file of temporaries) fs.rmSync(file, { force: true });
  temporaries.clear();
}

async function writeLog(chunks: Generator<string, GenerationResult, void>, file: string): Promise<GenerationResult> {
  const stream = fs.createWriteStream(file);
  let failure: unknown = null;
  stream.on("error", (error) => (failure = error));
  try {
    for (;;) {
      const step = chunks.next();
      if (step.done) {
        stream.end();
        await finished(stream);
        return step.value;
      }
      if (failure !== null) throw failure;
      if (!stream.write(step.value)) await once(stream, "drain");
    }
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

async function main(): Promise<void> {
  const began = process.hrtime.bigint();
  const request = readOptions(process.argv.slice(2));
  if (request === null) {
    console.log(USAGE);
    return;
  }
  const { options, out, labels, shown } = request;
  checkTarget(out, "--out");
  checkTarget(labels, "--labels");
  let plan: GenerationPlan;
  try {
    plan = planGeneration(options);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message.replace(/^(\w+) must/, "--$1 must"));
    throw error;
  }

  const tmpOut = tempName(out);
  const tmpLabels = tempName(labels);
  temporaries.add(tmpOut).add(tmpLabels);
  const result = await writeLog(generateLogs(plan), tmpOut);
  fs.writeFileSync(tmpLabels, formatLabelsCsv(result.windows));
  fs.renameSync(tmpOut, out);
  fs.renameSync(tmpLabels, labels);
  temporaries.clear();

  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const counts = countEpisodesByKind(result.episodes);
  const lastYear = yearOf(result.lastSec);
  console.log(`Wrote ${result.lines} lines to ${shown.out} in ${seconds.toFixed(2)} s (hosts ${plan.hosts}, seed ${plan.seed}).`);
  console.log(`Time span ${formatIso(result.firstSec)} .. ${formatIso(result.lastSec)}; syslog lines carry no year: read them with --year ${result.year}` +
    (lastYear !== result.year ? ` (the log runs into ${lastYear}; the Dec -> Jan rollover adds the year).` : "."));
  console.log(`Episodes: ${result.episodes.length} (${Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(", ")}).`);
  console.log(`Anomalous windows: ${result.windows.length} of 60 s, listed in ${shown.labels}.`);
}

// A closed stdout (`| head`) must not turn the summary into a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    removeTemporaries();
    process.exit(code);
  });
}

main().catch((error: unknown) => {
  removeTemporaries();
  if (error instanceof UsageError) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exit(2);
  }
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`generate: failed: ${text.split("\n")[0]}\n`);
  process.exit(1);
});
