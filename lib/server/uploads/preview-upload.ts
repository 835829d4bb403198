import "server-only";
import { open, type FileHandle } from "node:fs/promises";
import { isMissing } from "@/lib/storage/blob-store";
import { localCopy } from "@/lib/storage/local-copy";
import { getLogFile } from "@/lib/db/get-log-file";
import { parseId } from "@/lib/domain/parse-id";
import { quoteInput } from "@/lib/domain/quote-input";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { createStampClock, FormatReader } from "@/lib/logs/formats/format-reader";
import { inspectLogText, type InspectOptions, type InspectResult } from "@/lib/logs/formats/inspect-log";
import { resolveFormat } from "@/lib/logs/formats/registry";
import { splitLines } from "@/lib/logs/line-splitter";
import { checkFormatChoice } from "@/lib/pipeline/format-params";
import { parseFieldsText } from "@/lib/pipeline/format-option-text";
import { detectParamsSchema, fieldErrors } from "@/lib/pipeline/params";
import { invalidInput } from "@/lib/server/http/request-input";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * What New run shows once a log is uploaded and before anything trains: the format a stored log
 * reads as (detected, or the one the analyst picked), how many of its lines it matches, and its
 * first lines as records in the record model's fields, unparsed ones marked with their line number.
 * Only the head of the file is read (PREVIEW_BYTES, at most PREVIEW_LINES whole lines), so a
 * preview of a log of gigabytes answers as fast as one of 2000 lines and can be asked again on
 * every keystroke of a template.
 */

/** Bytes read from the start of the stored log. */
export const PREVIEW_BYTES = 256 * 1024;
/** Lines inspected at most (Loghub's samples have 2000: they are read whole). */
export const PREVIEW_LINES = 2000;
/** Rows of the line view (records and unparsed lines, in file order) and unparsed lines listed. */
export const PREVIEW_ROWS = 40;
export const PREVIEW_UNPARSED = 20;
/** A message or unparsed line is cut here in the answer (a JSON line can be long). */
const MAX_TEXT = 1000;

/** The format options a preview request may carry (GET /api/uploads/:id/preview's query). */
export type PreviewOptions = Pick<InspectOptions, "format" | "year" | "tz" | "timeFormat" | "fields">;

/** A line of the head as the format reads it: a record (with the lines joined to it) or an unparsed line. */
export type PreviewRow =
  | { line: number; kind: "record"; time: string; host: string; process: string; level: string; message: string; joinedLines: number }
  | { line: number; kind: "unparsed"; text: string };

/** GET /api/uploads/:id/preview's answer: inspectLogText's result on the head, its lines, and what the head was. */
export type UploadPreview = InspectResult & {
  logFileId: number;
  /** The name the log was uploaded under. */
  name: string;
  /** Bytes and lines of the whole stored log. */
  size: number;
  totalLines: number;
  /** Bytes of the head that were inspected. */
  headBytes: number;
  /** Whether the head is the whole file (else the counts describe its first lines only). */
  complete: boolean;
  /** The head's first PREVIEW_ROWS records and unparsed lines, in file order (1-based line numbers). */
  rows: PreviewRow[];
  /** The head's first PREVIEW_UNPARSED unparsed lines, wherever they are. */
  unparsedLines: { line: number; text: string }[];
};

// The training schema's own fields, so a preview refuses exactly what starting the run would.
const previewQuerySchema = detectParamsSchema.pick({ format: true, year: true, tz: true, timeFormat: true, fields: true });

/** The preview's options from a query (blank = absent), refused per field with the schema's sentences (400). */
export function parsePreviewQuery(fields: Record<string, string | undefined>): PreviewOptions {
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = previewQuerySchema.safeParse(present);
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  const formatProblem = checkFormatChoice(parsed.data);
  if (formatProblem) throw invalidInput(formatProblem);
  const { format, year, tz, timeFormat, fields: fieldsText } = parsed.data;
  const options: PreviewOptions = { format };
  if (year !== undefined) options.year = year;
  if (tz !== undefined) options.tz = tz;
  if (timeFormat !== undefined) options.timeFormat = timeFormat;
  const overrides = fieldsText === undefined ? undefined : parseFieldsText(fieldsText);
  if (overrides?.ok && overrides.value) options.fields = overrides.value;
  return options;
}

/** The stored log an upload id names; anything else is a 404 sentence, as for an id that names none. */
export function requireLogId(raw: unknown): number {
  const id = parseId(raw, "log");
  if (id !== null) return id;
  const shown = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  throw new ServiceError(404, `There is no stored log ${shown ? quoteInput(shown) : "without an id"}: upload the log again.`);
}

/**
 * The first bytes of a file up to the end of its `maxLines`-th line, within `maxBytes`. A line cut
 * by the byte limit is left out (unless it is the only one), so the inspector never sees half a
 * record; cutting after a newline byte never splits a UTF-8 character.
 */
export async function readHead(file: FileHandle, maxBytes = PREVIEW_BYTES, maxLines = PREVIEW_LINES): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const size = (await file.stat()).size;
  const buffer = new Uint8Array(Math.min(size, maxBytes));
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await file.read(buffer, read, buffer.length - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  let end = read;
  let lines = 0;
  for (let at = buffer.indexOf(0x0a); at >= 0 && at < read; at = buffer.indexOf(0x0a, at + 1)) {
    if (++lines === maxLines) {
      end = at + 1;
      break;
    }
  }
  if (lines < maxLines && read < size) {
    const lastNewline = buffer.subarray(0, read).lastIndexOf(0x0a);
    if (lastNewline >= 0) end = lastNewline + 1;
  }
  return { bytes: buffer.subarray(0, end), complete: end === size };
}

const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * The head's lines as `result.format` reads them, through the same reader and clock as inspection
 * (with the year it settled on), keeping line numbers: inspectLogText's sample has the fields but
 * not where each record is, nor the lines that are none.
 */
export function previewRows(head: Uint8Array, result: InspectResult, options: PreviewOptions): Pick<UploadPreview, "rows" | "unparsedLines"> {
  const format = resolveFormat({ format: result.format, tz: options.tz, fields: options.fields, timeFormat: options.timeFormat });
  const year = result.year ?? options.year ?? new Date().getUTCFullYear();
  const clock = createStampClock(format.definition, { year, tz: options.tz });
  const rows: PreviewRow[] = [];
  const unparsedLines: UploadPreview["unparsedLines"] = [];
  const reader = new FormatReader(format.definition.createParser(format.options), format.definition.continuations, clock, {
    record: (fields, ts, line) => {
      if (rows.length >= PREVIEW_ROWS) return;
      const [first = "", ...joined] = fields.message.split("\n");
      const { host, process, level } = fields;
      rows.push({ line, kind: "record", time: formatIsoUtc(ts), host, process, level, message: cut(first), joinedLines: joined.length });
    },
    unparsed: (text, line) => {
      if (text.trim() === "") return; // blank lines are neither records nor worth a mark
      if (rows.length < PREVIEW_ROWS) rows.push({ line, kind: "unparsed", text: cut(text) });
      if (unparsedLines.length < PREVIEW_UNPARSED) unparsedLines.push({ line, text: cut(text) });
    },
  });
  splitLines(head).forEach((text, index) => reader.readLine(text, index + 1, 0, 0));
  reader.finish();
  // A held record (continuations) is given out after the unparsed lines that followed it, if any.
  rows.sort((a, b) => a.line - b.line);
  return { rows, unparsedLines };
}

/** Previews the stored log `logFileId` with `options` (see the file comment). */
export async function previewUpload(logFileId: number, options: PreviewOptions = {}): Promise<UploadPreview> {
  const logFile = await getLogFile(logFileId);
  if (!logFile) throw new ServiceError(404, `There is no stored log ${logFileId}: upload the log again.`);
  const gone = () => new ServiceError(409, `The stored copy of ${logFile.originalName} is no longer on the server: upload it again.`);
  // A missing object is the analyst's to fix; a store that cannot be reached is not, and stays a 500.
  const path = await localCopy(logFile.storedPath).catch((error: unknown) => {
    if (isMissing(error)) throw gone();
    throw error;
  });
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch {
    throw gone();
  }
  let head: { bytes: Uint8Array; complete: boolean };
  try {
    head = await readHead(file);
  } finally {
    await file.close();
  }
  const result = inspectLogText(head.bytes, options);
  return {
    ...result,
    logFileId: logFile.id,
    name: logFile.originalName,
    size: logFile.size,
    totalLines: logFile.lines,
    headBytes: head.bytes.length,
    complete: head.complete,
    ...previewRows(head.bytes, result, options),
  };
}
