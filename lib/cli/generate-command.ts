// npm run generate -- --lines N --out FILE [options]: a seeded synthetic multi-host syslog and a
// labels CSV of its anomalous 60 s windows. Both files are written to temporary names beside their
// targets and renamed at the end, so a failed or interrupted run leaves no half-written output.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { z } from "zod";
import {
  DEFAULT_HOSTS, DEFAULT_SEED, DEFAULT_START_ISO, countEpisodesByKind, formatIso, formatLabelsCsv, generateLogs,
  parseIsoStart, planGeneration, yearOf, type GenerateOptions, type GenerationPlan, type GenerationResult,
} from "@/lib/generate";
import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { explainWriteError } from "@/lib/pipeline/write-failure";
import { checkOutputPath, type OutputFile } from "./check-output-path";
import { processIo, type CommandIo } from "./command-io";
import { flagsOf, parseCliArgs, toKebab, type ArgumentProblem } from "./parse-cli-args";

const USAGE = "npm run generate -- --lines N --out FILE [options]";

const HELP = `  --lines N        exact number of log lines to write (required)
  --out FILE       log file to write (required)
  --seed S         integer seed; the same arguments and seed give identical files (default ${DEFAULT_SEED})
  --start ISO      time of the first line, e.g. 2025-06-14T00:00:00Z (default ${DEFAULT_START_ISO})
  --hosts H        number of hosts in the fleet (default ${DEFAULT_HOSTS})
  --episodes E     number of anomaly episodes (default: about one per 10,000 lines)
  --labels FILE    labels CSV (default: <out>.labels.csv)
  --cross-year     allow episodes after the end of the start year (by default they stay in it)
  --help           show this text`;

/** A whole number as typed ("10_000" reads as 10000), refused in a sentence that names the flag. */
function wholeNumber(key: string, signed = false) {
  const pattern = signed ? /^-?\d[\d_]*$/ : /^\d[\d_]*$/;
  return z.string().transform((text, ctx) => {
    if (pattern.test(text.trim())) return Number(text.trim().replace(/_/g, ""));
    ctx.addIssue({ code: "custom", message: `--${toKebab(key)} must be a whole number, got ${quoteInput(text)}.` });
    return z.NEVER;
  });
}

const isoStart = z.string().transform((text, ctx) => {
  const parsed = parseIsoStart(text);
  if (parsed !== null && parsed >= 0) return parsed;
  const message = parsed === null ? "must be an ISO date-time such as 2025-06-14T00:00:00Z" : "must be in 1970 or later";
  ctx.addIssue({ code: "custom", message: `--start ${message}, got ${quoteInput(text)}.` });
  return z.NEVER;
});

const OUT_REQUIRED = "--out FILE is required; see --help.";

/**
 * The options as parseCliArgs hands them over (strings, and `true` for the switch). When several are
 * wrong the first issue is reported: a missing required option first, then in this shape's order.
 */
const generateOptionsSchema = z.object({
  start: isoStart.optional(),
  lines: z
    .string({ error: "--lines N is required (the number of lines to write); see --help." })
    .pipe(wholeNumber("lines"))
    .pipe(z.number().min(1, "--lines must be at least 1.")),
  out: z.string({ error: OUT_REQUIRED }).refine((text) => text.trim() !== "", OUT_REQUIRED),
  seed: wholeNumber("seed", true).optional(),
  hosts: wholeNumber("hosts").optional(),
  episodes: wholeNumber("episodes").optional(),
  labels: z.string().optional(),
  crossYear: z.boolean().default(false),
});

const SWITCHES = [toKebab("crossYear")];
const VALUE_OPTIONS = flagsOf(generateOptionsSchema).filter((flag) => !SWITCHES.includes(flag));

function describeProblem(problem: ArgumentProblem): string {
  if (problem.kind === "unknown-option") return `Unknown option ${problem.option ?? ""}; see --help.`;
  if (problem.kind === "extra-positional") return "Unexpected argument (options take the form --name value); see --help.";
  if (problem.kind === "missing-value") return `Option ${problem.option ?? ""} needs a value; see --help.`;
  return `${problem.detail}; see --help.`;
}

interface Request {
  options: GenerateOptions;
  out: string;
  labels: string;
  /** The paths as the user wrote them, for the summary. */
  shown: { out: string; labels: string };
}

function readRequest(argv: string[]): Request {
  const args = parseCliArgs(argv, { usage: USAGE, help: HELP, valueOptions: VALUE_OPTIONS, flagOptions: SWITCHES, positionals: 0, describe: describeProblem });
  const parsed = generateOptionsSchema.safeParse(args.values);
  if (!parsed.success) {
    // Every value arrives as a string or a switch, so a type issue can only be a missing option.
    const issue = parsed.error.issues.find((i) => i.code === "invalid_type") ?? parsed.error.issues[0];
    throw new UserInputError(issue?.message ?? "The options are not valid; see --help.");
  }
  const { lines, out: shownOut, seed, start, hosts, episodes, crossYear } = parsed.data;
  const shownLabels = parsed.data.labels ?? `${shownOut}.labels.csv`;
  const out = path.resolve(shownOut);
  const labels = path.resolve(shownLabels);
  if (labels === out) throw new UserInputError("--labels must name a different file than --out.");
  return { options: { lines, seed, start, hosts, episodes, crossYear }, out, labels, shown: { out: shownOut, labels: shownLabels } };
}

const LOG_FILE: OutputFile = { what: "the log", option: "--out", example: "fleet.log" };
const LABELS_FILE: OutputFile = { what: "the labels", option: "--labels", example: "fleet.labels.csv" };

function plan(options: GenerateOptions): GenerationPlan {
  try {
    return planGeneration(options);
  } catch (error) {
    // The planner names the option ("episodes must ..."); the analyst typed it as a flag.
    if (error instanceof RangeError) throw new UserInputError(error.message.replace(/^(\w+) must/, (_, key: string) => `--${toKebab(key)} must`));
    throw error;
  }
}

const tempName = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);

async function writeLog(chunks: Generator<string, GenerationResult, void>, file: string): Promise<GenerationResult> {
  const stream = fs.createWriteStream(file);
  // Set by the stream's error event; checked between writes.
  const state: { failure: Error | null } = { failure: null };
  stream.on("error", (error) => (state.failure = error));
  try {
    for (;;) {
      const step = chunks.next();
      if (step.done) {
        stream.end();
        await finished(stream);
        return step.value;
      }
      if (state.failure) throw state.failure;
      if (!stream.write(step.value)) await once(stream, "drain");
    }
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/** Writes both files through temporaries; an error or Ctrl-C on the way removes them. */
async function writeFiles(generation: GenerationPlan, out: string, labels: string): Promise<GenerationResult> {
  const temporaries = [tempName(out), tempName(labels)] as const;
  const removeTemporaries = () => temporaries.forEach((file) => fs.rmSync(file, { force: true }));
  const handlers = ([["SIGINT", 130], ["SIGTERM", 143]] as const).map(([signal, code]) => {
    const handler = () => {
      removeTemporaries();
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  // Which file a failed write was for, so its sentence names it.
  let writing: { place: OutputFile; target: string } = { place: LOG_FILE, target: out };
  try {
    const result = await writeLog(generateLogs(generation), temporaries[0]);
    writing = { place: LABELS_FILE, target: labels };
    fs.writeFileSync(temporaries[1], formatLabelsCsv(result.windows));
    writing = { place: LOG_FILE, target: out };
    fs.renameSync(temporaries[0], out);
    writing = { place: LABELS_FILE, target: labels };
    fs.renameSync(temporaries[1], labels);
    return result;
  } catch (error) {
    removeTemporaries();
    throw await explainWriteError(error, writing.place, writing.target);
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

export async function generateCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const began = process.hrtime.bigint();
  const { options, out, labels, shown } = readRequest(argv);
  await checkOutputPath(out, LOG_FILE);
  await checkOutputPath(labels, LABELS_FILE);
  const generation = plan(options);
  const result = await writeFiles(generation, out, labels);

  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const counts = countEpisodesByKind(result.episodes);
  const lastYear = yearOf(result.lastSec);
  io.out(`Wrote ${result.lines} lines to ${shown.out} in ${seconds.toFixed(2)} s (hosts ${generation.hosts}, seed ${generation.seed}).\n`);
  io.out(
    `Time span ${formatIso(result.firstSec)} .. ${formatIso(result.lastSec)}; syslog lines carry no year: read them with --year ${result.year}` +
      `${lastYear !== result.year ? ` (the log runs into ${lastYear}; the Dec -> Jan rollover adds the year).` : "."}\n`,
  );
  io.out(`Episodes: ${result.episodes.length} (${Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(", ")}).\n`);
  io.out(`Anomalous windows: ${result.windows.length} of 60 s, listed in ${shown.labels}.\n`);
}
