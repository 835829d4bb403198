// npm run templates -- <log> --out FILE [--raw | --format F ...]: mine Drain-style log templates and
// write `line,template_id,template`: for every line of a classic syslog log (or of any log with
// --raw), or with --format for every record of that format, at its first line (template-records.ts).
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkOutputPath, refuseInputAsOutput, TEMPLATES_FILE } from "./check-output-path";
import { processIo, type CommandIo } from "./command-io";
import { LIST_FLAG_NAMES, optionError, parseCliArgs } from "./parse-cli-args";
import { formatReading, shellWord } from "./print-summary";
import { mineRecords, type MinedRecords } from "./template-records";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { LineSplitter } from "@/lib/logs/line-splitter";
import { parseLine } from "@/lib/logs/parse-line";
import {
  TEMPLATES_CSV_HEADER,
  TemplateMiner,
  UNPARSED_TEMPLATE,
  formatTemplateRowEnd,
  type TemplateMinerOptions,
} from "@/lib/logs/templates";
import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { checkFormatChoice, formatOptionsOf } from "@/lib/pipeline/format-params";
import { detectParamsSchema, fieldErrors } from "@/lib/pipeline/params";
import { plainLogFile } from "@/lib/pipeline/gzip-log";
import { checkLogFile } from "@/lib/pipeline/read-log-file";
import { explainWriteError } from "@/lib/pipeline/write-failure";

const USAGE =
  "npm run templates -- <log> --out FILE [--raw] [--year N] [--depth D] [--st S] " +
  "[--format F] [--tz ZONE] [--field NAME=PATH] [--mask REGEX[=NAME]] [--time-format PATTERN]";

// The training schema's own year and format fields: the same values and sentences as detect.
const optionsSchema = detectParamsSchema.pick({ year: true, format: true, tz: true, fields: true, masks: true, timeFormat: true });

// Large reads: the splitter is Buffer-based, so fewer, bigger chunks mean fewer boundary copies.
const CHUNK_BYTES = 1 << 20;
const WRITE_BYTES = 1 << 20;

/** Per line, in order: its template id, or -1 when the line is not a syslog record. */
interface MinedLines {
  ids: Int32Array;
  lines: number;
  unparsed: number;
  firstUnparsed: { line: number; text: string } | null;
}

export async function templatesCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    valueOptions: ["out", "year", "depth", "st", "format", "tz", "field", "mask", "time-format"],
    flagOptions: ["raw"],
    multipleOptions: LIST_FLAG_NAMES,
    positionals: 1,
  });
  const { out, raw, year, depth, st, ...formatValues } = args.values;
  if (typeof out !== "string" || out === "") {
    throw new UserInputError(`Missing --out FILE: say where to write the CSV. Usage: ${USAGE}`);
  }
  // Classic lines carry no year and the CSV has no timestamps; --year is checked so that the options
  // of `detect` can be reused here unchanged (a format's records use it for their dates).
  if (year !== undefined && !detectParamsSchema.shape.year.safeParse(year).success) {
    throw new UserInputError(`Option --year: expected a year such as 2005, got ${quoteInput(String(year))}.`);
  }
  const parsed = optionsSchema.safeParse(formatValues);
  if (!parsed.success) throw optionError(fieldErrors(parsed.error));
  const problem = checkFormatChoice(parsed.data);
  if (problem) throw optionError(problem);
  // Any option about reading records (not --mask alone) mines records of a format, auto by default.
  const byRecord = ["format", "tz", "fields", "timeFormat"].some((key) => formatValues[key] !== undefined);
  if (byRecord && raw === true) throw new UserInputError("Option --raw mines whole lines: it cannot be combined with --format, --tz, --field or --time-format.");
  const formatOptions = formatOptionsOf(parsed.data);
  const options: TemplateMinerOptions = {};
  if (depth !== undefined) options.depth = readNumber(depth, "--depth", "a whole number from 3 to 20", 3, 20, true);
  if (st !== undefined) options.similarityThreshold = readNumber(st, "--st", "a similarity from 0 to 1 such as 0.75", 0, 1, false);
  const logPath = args.positionals[0] as string;
  const outPath = await checkOutputPath(out, TEMPLATES_FILE);
  const mention = { path: outPath, shown: out, subject: `--out ${out}`, remedy: "choose another --out" };
  await refuseInputAsOutput(mention, [{ path: logPath, role: "the log being read" }]);
  await checkLogFile(logPath);
  // A gzip log is mined from a decompressed copy (gzip-log.ts), removed afterwards.
  const plain = await plainLogFile(logPath);
  try {
    await mineInto(plain.path, outPath, { byRecord, raw: raw === true, formatOptions, year: parsed.data.year, options, shownName: logPath }, io);
  } finally {
    await plain.cleanup();
  }
}

interface MineSettings {
  byRecord: boolean;
  raw: boolean;
  formatOptions: FormatOptions;
  year: number | undefined;
  options: TemplateMinerOptions;
  /** The log as the analyst named it, for the messages (the path read may be a decompressed copy). */
  shownName: string;
}

/** Mines the plain-text log at `logPath` and writes the templates CSV to `outPath`, then reports. */
async function mineInto(logPath: string, outPath: string, settings: MineSettings, io: CommandIo): Promise<void> {
  const { byRecord, formatOptions, options, raw } = settings;
  const size = (await stat(logPath)).size;

  const started = performance.now();
  if (byRecord) {
    const { mined, miner } = await mineRecords(logPath, size, formatOptions, settings.year, options);
    if (mined.count === 0) throw noRecords(settings.shownName, mined);
    await writeTemplatesCsv(outPath, { lines: mined.count, rowLine: (i) => mined.lines[i] ?? 0, rowId: (i) => mined.ids[i] ?? -1 }, miner);
    io.out(`${recordsReport(mined, miner, outPath, (performance.now() - started) / 1000)}\n`);
    return;
  }
  if (formatOptions.masks) options.customMasks = formatOptions.masks;
  const miner = new TemplateMiner(options);
  const mined = await mineLogFile(logPath, miner, raw === true);
  if (raw !== true && mined.unparsed === mined.lines) {
    const example = mined.firstUnparsed?.text ?? "";
    throw new UserInputError(
      `No line of ${basename(settings.shownName)} is a syslog record (expected lines like "Jun 14 15:16:01 host sshd[123]: message"` +
        (example ? `, first line was ${quoteInput(example)}` : "") +
        `): add --raw to mine whole lines of logs in other formats.`,
    );
  }
  await writeTemplatesCsv(outPath, { lines: mined.lines, rowLine: (i) => i + 1, rowId: (i) => mined.ids[i] ?? -1 }, miner);
  const seconds = (performance.now() - started) / 1000;

  const parsedNote = raw ? "whole lines, --raw" : `parsed ${mined.lines - mined.unparsed}, unparsed ${mined.unparsed}`;
  const lines = [
    `Lines: ${mined.lines} (${parsedNote})`,
    `Templates: ${miner.liveSize} (depth ${miner.options.depth}, st ${miner.options.similarityThreshold})`,
    `Seconds: ${seconds.toFixed(2)} (${Math.round(mined.lines / Math.max(seconds, 1e-9))} lines/s)`,
    `Results: ${outPath}`,
  ];
  if (mined.firstUnparsed && raw !== true) {
    lines.splice(1, 0, `  first unparsed, line ${mined.firstUnparsed.line}: ${mined.firstUnparsed.text.slice(0, 120)}`);
  }
  io.out(`${lines.join("\n")}\n`);
}

/** The sentence for a log in which no line is a record of the format read. */
function noRecords(logPath: string, mined: MinedRecords): UserInputError {
  const example = mined.firstUnparsed?.text ?? "";
  return new UserInputError(
    `No line of ${basename(logPath)} is a ${mined.format.name} record` +
      (example ? ` (the first line was ${quoteInput(example)})` : "") +
      `: name the log's format with --format, or add --raw without it to mine whole lines.`,
  );
}

function recordsReport(mined: MinedRecords, miner: TemplateMiner, outPath: string, seconds: number): string {
  // Continuation and structure lines are counted on the Lines line.
  const reading = formatReading({ format: { ...mined.format, continuationLines: 0, metaLines: 0 }, year: 0, yearInferred: false });
  const lines = [
    reading,
    `Lines: ${mined.totalLines} (records ${mined.count}, unparsed ${mined.unparsed}, continuation ${mined.format.continuationLines})`,
    `Templates: ${miner.liveSize} (depth ${miner.options.depth}, st ${miner.options.similarityThreshold}; masks of ${shellWord(mined.format.name)} and --mask)`,
    `Seconds: ${seconds.toFixed(2)} (${Math.round(mined.totalLines / Math.max(seconds, 1e-9))} lines/s)`,
    `Results: ${outPath} (one row per record, at its first line)`,
  ];
  if (mined.firstUnparsed) lines.splice(2, 0, `  first unparsed, line ${mined.firstUnparsed.line}: ${mined.firstUnparsed.text.slice(0, 120)}`);
  return lines.join("\n");
}

function readNumber(value: string | boolean | string[], option: string, what: string, min: number, max: number, integer: boolean): number {
  const text = String(value).trim();
  const number = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    throw new UserInputError(`Option ${option}: expected ${what}, got ${quoteInput(String(value))}.`);
  }
  return number;
}

/** Streams the file through the line splitter and the miner, keeping only one id per line. */
async function mineLogFile(path: string, miner: TemplateMiner, raw: boolean): Promise<MinedLines> {
  const mined: MinedLines = { ids: new Int32Array(1 << 16), lines: 0, unparsed: 0, firstUnparsed: null };
  const splitter = new LineSplitter((text, line) => {
    const message = raw ? text : parseLine(text)?.message;
    let id = -1;
    if (message !== undefined) id = miner.add(message).templateId;
    else {
      mined.unparsed++;
      mined.firstUnparsed ??= { line, text };
    }
    if (mined.lines === mined.ids.length) {
      const grown = new Int32Array(mined.ids.length * 2);
      grown.set(mined.ids);
      mined.ids = grown;
    }
    mined.ids[mined.lines++] = id;
  });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) splitter.push(chunk as Buffer);
  splitter.end();
  return mined;
}

/** The CSV's rows: how many, and each one's line number and template id (-1: unparsed). */
interface CsvRows {
  lines: number;
  rowLine: (row: number) => number;
  rowId: (row: number) => number;
}

/**
 * Writes the CSV with each row's final template beside the target and renames it over the target,
 * so a failure midway leaves no half-written CSV. Streamed in chunks: a large log's CSV can exceed
 * the longest string V8 can hold, so `writeFileAtomic(path, string)` is not an option here.
 * A row's id is its template's final id: a word variant merged after its line went by is written
 * as the template it joined, so one event has one id (as "Templates: N" counts live ones only).
 */
async function writeTemplatesCsv(path: string, rows: CsvRows, miner: TemplateMiner): Promise<void> {
  const rowEnds = miner.templates().map((t) => formatTemplateRowEnd(t.mergedInto ?? t.id, t.template));
  const unparsedEnd = formatTemplateRowEnd(null, UNPARSED_TEMPLATE);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "w").catch(async (error: unknown) => {
    throw await explainWriteError(error, TEMPLATES_FILE, path);
  });
  let closed = false;
  try {
    let buffer = TEMPLATES_CSV_HEADER;
    for (let i = 0; i < rows.lines; i++) {
      const id = rows.rowId(i);
      buffer += `${rows.rowLine(i)}${id < 0 ? unparsedEnd : rowEnds[id]}`;
      if (buffer.length >= WRITE_BYTES) {
        await handle.write(buffer);
        buffer = "";
      }
    }
    await handle.write(buffer);
    closed = true;
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw await explainWriteError(error, TEMPLATES_FILE, path);
  }
}
