import { createReadStream } from "node:fs";
import { checkFieldOverrides, jsonLines } from "@/lib/logs/formats/json-lines";
import { FormatReader, createStampClock } from "@/lib/logs/formats/format-reader";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { TemplateMiner, type TemplateMinerOptions } from "@/lib/logs/templates";
import type { FormatReport } from "@/lib/logs/types";
import { inferLogYear, settleLogFormat } from "@/lib/pipeline/infer-log-year";

/**
 * `npm run templates -- <log> --format F`: mines the MESSAGE of every record of the format
 * (docs/pipeline.md §1b: continuation lines joined, template mining on `message`), with the
 * format's masks plus `--mask`. One entry per record, in file order, at its first line.
 */

const CHUNK_BYTES = 1 << 20;

export interface MinedRecords {
  /** 1-based line number of each record's first line, and its template id, `count` of each. */
  lines: Int32Array;
  ids: Int32Array;
  count: number;
  /** Lines of the file, and those that belong to no record. */
  totalLines: number;
  unparsed: number;
  firstUnparsed: { line: number; text: string } | null;
  format: FormatReport;
}

/** Room for one more record in both columns. */
function grow(mined: MinedRecords): void {
  if (mined.count < mined.lines.length) return;
  const lines = new Int32Array(mined.lines.length * 2);
  lines.set(mined.lines);
  const ids = new Int32Array(mined.ids.length * 2);
  ids.set(mined.ids);
  mined.lines = lines;
  mined.ids = ids;
}

export async function mineRecords(
  path: string,
  size: number,
  options: FormatOptions,
  year: number | undefined,
  minerOptions: TemplateMinerOptions,
): Promise<{ mined: MinedRecords; miner: TemplateMiner }> {
  const settled = await settleLogFormat(path, size, options);
  const { definition } = settled.format;
  if (definition === jsonLines) checkFieldOverrides(settled.head, options.fields);
  // Times are not written, but whether a date exists (Feb 29) depends on the year.
  const clockYear = year ?? (await inferLogYear(path, size, { ...options, format: definition.name })).year;
  const miner = new TemplateMiner({ ...minerOptions, customMasks: settled.format.masks });
  const mined: MinedRecords = {
    lines: new Int32Array(1 << 14),
    ids: new Int32Array(1 << 14),
    count: 0,
    totalLines: 0,
    unparsed: 0,
    firstUnparsed: null,
    format: { name: definition.name, detected: settled.detected, matchRate: settled.matchRate, continuationLines: 0, metaLines: 0 },
  };
  const clock = createStampClock(definition, { year: clockYear, tz: options.tz });
  const reader = new FormatReader(definition.createParser(settled.format.options), definition.continuations, clock, {
    record: (fields, _ts, line) => {
      grow(mined);
      mined.lines[mined.count] = line;
      mined.ids[mined.count++] = miner.add(fields.message).templateId;
    },
    unparsed: (text, line) => {
      mined.unparsed++;
      mined.firstUnparsed ??= { line, text };
    },
  });
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const splitter = new ByteLineSplitter((bytes, start, end, line, offset, length) =>
    reader.readLine(decoder.decode(bytes.subarray(start, end)), line, offset, length),
  );
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) splitter.push(chunk as Buffer);
  splitter.end();
  reader.finish();
  mined.totalLines = splitter.lines;
  mined.format.continuationLines = reader.continuationLines;
  mined.format.metaLines = reader.metaLines;
  return { mined, miner };
}
