// npm run inspect -- <log> [--format F] [--year Y] [--tz Z] [--json]: how Logscope reads a log,
// without training anything: its format (detected or given), line and record counts, first and last
// record times and the first records split into the record model's fields (docs/pipeline.md §1b).
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { inspectLog, type InspectResult } from "@/lib/logs/formats/inspect-log";
import { isAutoFormat } from "@/lib/logs/formats/registry";
import { checkFormatChoice, formatOptionsOf } from "@/lib/pipeline/format-params";
import { plainChunks } from "@/lib/pipeline/gzip-log";
import { detectParamsSchema, fieldErrors } from "@/lib/pipeline/params";
import { checkLogFile } from "@/lib/pipeline/read-log-file";
import { processIo, type CommandIo } from "./command-io";
import { LIST_FLAG_NAMES, optionError, parseCliArgs } from "./parse-cli-args";
import { formatReading } from "./print-summary";

const USAGE =
  "npm run inspect -- <log> [--format F] [--year N] [--tz ZONE] [--field NAME=PATH] [--time-format PATTERN] [--json]";

const HELP = `  --format F        auto (default: detected from the first 1000 lines), a format name, loghub:<Name> or a template
  --year N          year of the first record without one (default: inferred from the log)
  --tz ZONE         zone of times written without an offset (default UTC)
  --field NAME=PATH JSON logs: the key holding time, host, process, level or message (repeatable)
  --time-format P   strftime pattern for unusual timestamps in a template
  --json            print one JSON object instead of the report`;

// The training schema's own fields, so inspect accepts and refuses exactly what detect does.
const optionsSchema = detectParamsSchema.pick({ year: true, format: true, tz: true, fields: true, masks: true, timeFormat: true });

/** Records shown in the report (and in the JSON sample). */
const SAMPLE_RECORDS = 20;
const MAX_COLUMN = 24;
const MAX_MESSAGE = 120;

export async function inspectCommand(argv: string[], io: CommandIo = processIo): Promise<void> {
  const args = parseCliArgs(argv, {
    usage: USAGE,
    help: HELP,
    valueOptions: ["format", "year", "tz", "field", "mask", "time-format"],
    multipleOptions: LIST_FLAG_NAMES,
    flagOptions: ["json"],
    positionals: 1,
  });
  const { json, ...values } = args.values;
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) throw optionError(fieldErrors(parsed.error));
  const problem = checkFormatChoice(parsed.data);
  if (problem) throw optionError(problem);
  const logPath = args.positionals[0] as string;
  await checkLogFile(logPath);

  const options = formatOptionsOf(parsed.data);
  // A gzip log is read as the text it holds (inspect reads the file once, in order, so as a stream).
  const result = await inspectLog(plainChunks(createReadStream(logPath, { highWaterMark: 1 << 20 }), basename(logPath)), {
    ...options,
    fields: options.fields as Record<string, string> | undefined,
    year: parsed.data.year,
    sampleSize: SAMPLE_RECORDS,
  });
  const detected = isAutoFormat(options);
  if (json === true) {
    io.out(`${JSON.stringify({ file: basename(logPath), detected, ...result })}\n`);
    return;
  }
  io.out(`${formatInspection(result, detected, parsed.data.year === undefined)}\n`);
}

/** The report: how the log reads, then its first records in columns. */
export function formatInspection(result: InspectResult, detected: boolean, yearInferred: boolean): string {
  const reading = formatReading({
    format: { name: result.format, detected, matchRate: result.matchRate, continuationLines: 0, metaLines: 0 },
    year: result.year ?? 0,
    yearInferred: yearInferred && result.year !== null,
  });
  const lines = [
    reading,
    `Lines: ${result.lines} (records ${result.records}, unparsed ${result.unparsed}, continuation ${result.continuationLines}` +
      `${result.metaLines > 0 ? `, structure ${result.metaLines}` : ""})`,
    `First record: ${result.firstTime ?? "none"}`,
    `Last record: ${result.lastTime ?? "none"}`,
  ];
  if (result.sample.length === 0) return [...lines, "No record: check the format (--format) or the time options."].join("\n");
  return [...lines, "", `First ${result.sample.length} record${result.sample.length === 1 ? "" : "s"}:`, ...recordTable(result.sample)].join("\n");
}

/** One line of text: a multi-line message shows its first line and how many follow. */
function oneLine(text: string, max: number): string {
  const [first = "", ...rest] = text.split("\n");
  const shown = first.length > max ? `${first.slice(0, max - 3)}...` : first;
  return rest.length > 0 ? `${shown} (+${rest.length} line${rest.length === 1 ? "" : "s"})` : shown;
}

function recordTable(sample: InspectResult["sample"]): string[] {
  const columns = ["time", "host", "process", "level"] as const;
  const cells = sample.map((r) => columns.map((c) => oneLine(r[c] || "-", MAX_COLUMN)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? "").length)));
  const pad = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
  return [
    `  ${pad(columns)}  message`,
    ...sample.map((r, k) => `  ${pad(cells[k] ?? [])}  ${oneLine(r.message, MAX_MESSAGE)}`),
  ];
}
