// npm run templates -- <log> --out FILE [--raw]: mine Drain-style log templates and write
// `line,template_id,template` for every line of the log.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkOutputPath } from "./check-output-path";
import { processIo, type CommandIo } from "./command-io";
import { parseCliArgs } from "./parse-cli-args";
import { LineSplitter } from "@/lib/logs/line-splitter";
import { parseLine } from "@/lib/logs/parse-line";
import {
  TEMPLATES_CSV_HEADER,
  TemplateMiner,
  UNPARSED_TEMPLATE,
  formatTemplateRowEnd,
  type TemplateMinerOptions,
} from "@/lib/logs/templates";
import { UserInputError } from "@/lib/domain/user-input-error";
import { detectParamsSchema } from "@/lib/pipeline/params";
import { checkLogFile } from "@/lib/pipeline/read-log-file";

const USAGE = "npm run templates -- <log> --out FILE [--raw] [--year N] [--depth D] [--st S]";

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
    valueOptions: ["out", "year", "depth", "st"],
    flagOptions: ["raw"],
    positionals: 1,
  });
  const { out, raw, year, depth, st } = args.values;
  if (typeof out !== "string" || out === "") {
    throw new UserInputError(`Missing --out FILE: say where to write the CSV. Usage: ${USAGE}`);
  }
  // Lines carry no year and the CSV has no timestamps; --year is checked so that the options of
  // `detect` can be reused here unchanged.
  if (year !== undefined && !detectParamsSchema.shape.year.safeParse(year).success) {
    throw new UserInputError(`Option --year: expected a year such as 2005, got "${String(year)}".`);
  }
  const options: TemplateMinerOptions = {};
  if (depth !== undefined) options.depth = readNumber(depth, "--depth", "a whole number from 3 to 20", 3, 20, true);
  if (st !== undefined) options.similarityThreshold = readNumber(st, "--st", "a similarity from 0 to 1 such as 0.75", 0, 1, false);
  const outPath = await checkOutputPath(out, "--out");
  const logPath = args.positionals[0] as string;
  await checkLogFile(logPath);

  const started = performance.now();
  const miner = new TemplateMiner(options);
  const mined = await mineLogFile(logPath, miner, raw === true);
  if (raw !== true && mined.unparsed === mined.lines) {
    const example = mined.firstUnparsed?.text.slice(0, 80) ?? "";
    throw new UserInputError(
      `No line of ${basename(logPath)} is a syslog record (expected lines like "Jun 14 15:16:01 host sshd[123]: message"` +
        (example ? `, first line was "${example}"` : "") +
        `): add --raw to mine whole lines of logs in other formats.`,
    );
  }
  await writeTemplatesCsv(outPath, mined, miner);
  const seconds = (performance.now() - started) / 1000;

  const parsedNote = raw === true ? "whole lines, --raw" : `parsed ${mined.lines - mined.unparsed}, unparsed ${mined.unparsed}`;
  const lines = [
    `Lines: ${mined.lines} (${parsedNote})`,
    `Templates: ${miner.size} (depth ${miner.options.depth}, st ${miner.options.similarityThreshold})`,
    `Seconds: ${seconds.toFixed(2)} (${Math.round(mined.lines / Math.max(seconds, 1e-9))} lines/s)`,
    `Results: ${outPath}`,
  ];
  if (mined.firstUnparsed && raw !== true) {
    lines.splice(1, 0, `  first unparsed, line ${mined.firstUnparsed.line}: ${mined.firstUnparsed.text.slice(0, 120)}`);
  }
  io.out(`${lines.join("\n")}\n`);
}

function readNumber(value: string | boolean, option: string, what: string, min: number, max: number, integer: boolean): number {
  const text = String(value).trim();
  const number = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    throw new UserInputError(`Option ${option}: expected ${what}, got "${String(value)}".`);
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

/**
 * Writes the CSV with each line's final template beside the target and renames it over the target,
 * so a failure midway leaves no half-written CSV. Streamed in chunks: a large log's CSV can exceed
 * the longest string V8 can hold, so `writeFileAtomic(path, string)` is not an option here.
 */
async function writeTemplatesCsv(path: string, mined: MinedLines, miner: TemplateMiner): Promise<void> {
  const rowEnds = miner.templates().map((t) => formatTemplateRowEnd(t.id, t.template));
  const unparsedEnd = formatTemplateRowEnd(null, UNPARSED_TEMPLATE);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "w");
  let closed = false;
  try {
    let buffer = TEMPLATES_CSV_HEADER;
    for (let i = 0; i < mined.lines; i++) {
      const id = mined.ids[i] ?? -1;
      buffer += `${i + 1}${id < 0 ? unparsedEnd : rowEnds[id]}`;
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
    await rm(temp, { force: true });
    throw error;
  }
}
