import { META, type FormatDefinition, type LineParser, type RecordFields } from "./types";

/**
 * How well one format reads a sample of lines (detect-format.ts explains the rule).
 *
 * Only content lines count: blank lines are left out by the sampler and each format's META lines
 * here. A line is explained when it begins a record or, in a format with continuations, follows
 * one. matchRate = explained / content, with continuations capped at MAX_CONTINUATIONS_PER_RECORD
 * per record. evidence = matchRate + recordRate: a line read as a record counts twice, a line
 * joined to one once.
 */

/**
 * The most continuation lines one record may explain on average. Stack traces run to a few dozen
 * lines, so real multi-line logs stay well inside it; a format that reads one line in fifty as a
 * record and "explains" the rest as continuations does not.
 */
export const MAX_CONTINUATIONS_PER_RECORD = 20;

/** How one candidate did on the sample. */
export interface CandidateScore {
  name: string;
  /** Lines that began a record. */
  records: number;
  /** Lines after a record that the format joins to it (formats with continuations only). */
  continuations: number;
  /** Content lines the format could not place: before the first record, or when it has no continuations. */
  failed: number;
  /** Structural lines (W3C directives, CRI partial lines): not content, so in no rate. */
  meta: number;
  /** (records + continuations, capped at MAX_CONTINUATIONS_PER_RECORD per record) / content lines. */
  matchRate: number;
  /** records / content lines. */
  recordRate: number;
  /** Share of the records whose fields look like what they claim to be (see tidyFields). */
  tidyRate: number;
  /** The first content line the format did not read as a record nor join to one, if any. */
  firstFailed: string | null;
  /** False when scoring stopped early because the candidate could no longer win. */
  complete: boolean;
}

/** The match rate from a format's counts over some content lines (0 for none). */
export function matchRateOf(records: number, continuations: number, failed: number): number {
  const content = records + continuations + failed;
  const explained = records + Math.min(continuations, MAX_CONTINUATIONS_PER_RECORD * records);
  return content === 0 ? 0 : explained / content;
}

/** matchRate + recordRate. */
export function evidenceOf(records: number, continuations: number, failed: number): number {
  const content = records + continuations + failed;
  return content === 0 ? 0 : matchRateOf(records, continuations, failed) + records / content;
}

const WHITESPACE = /\s/;
// A severity as logs write it: a word (ERROR, W, notice, stderr) or a small number (RFC 5424, Pino).
const LEVEL = /^(?:[A-Za-z]{1,12}|\d{1,3})$/;

/**
 * Whether a record's fields look like a host, a program and a level. A template whose lazy fields
 * slid one column over reads `2395` as a level and `D WindowManager` as a program (HDFS's layout on
 * an Android line), which is how two Loghub presets that read the same lines are told apart.
 */
export function tidyFields(fields: RecordFields): boolean {
  return !WHITESPACE.test(fields.host) && !WHITESPACE.test(fields.process) && (fields.level === "" || LEVEL.test(fields.level));
}

/**
 * Reads `lines` with a fresh parser of `definition` and counts what each line was. With `beat`,
 * stops early (complete: false) once the candidate's evidence could no longer reach `beat` even if
 * every line left began a record (a META line or a continuation would add less): a template's
 * regex can be slow on lines it does not match, and a candidate that has lost need not read them.
 * With `recordLines` (as long as `lines`), sets recordLines[i] to 1 for each line i that began a
 * record, so detection can tell whether two formats read the same lines as records.
 */
export function scoreFormat(
  definition: FormatDefinition, parser: LineParser, lines: readonly string[], beat = Number.NEGATIVE_INFINITY, recordLines?: Uint8Array,
): CandidateScore {
  let records = 0;
  let continuations = 0;
  let failed = 0;
  let meta = 0;
  let tidy = 0;
  let firstFailed: string | null = null;
  let firstContinuation: string | null = null;
  let inRecord = false;
  let read = 0;
  for (const line of lines) {
    read++;
    const verdict = parser.parseLine(line);
    if (verdict === META) {
      meta++;
      inRecord = false; // as FormatReader does: a META line ends the record above it
    } else if (verdict !== null) {
      if (recordLines !== undefined) recordLines[read - 1] = 1;
      records++;
      if (tidyFields(verdict)) tidy++;
      inRecord = true;
    } else if (definition.continuations && inRecord) {
      continuations++;
      firstContinuation ??= line;
    } else {
      failed++;
      firstFailed ??= line;
      if (evidenceOf(records + lines.length - read, continuations, failed) < beat) break;
    }
  }
  const content = records + continuations + failed;
  const matchRate = matchRateOf(records, continuations, failed);
  return {
    name: definition.name,
    records,
    continuations,
    failed,
    meta,
    matchRate,
    recordRate: content === 0 ? 0 : records / content,
    tidyRate: records === 0 ? 0 : tidy / records,
    firstFailed: firstFailed ?? (matchRate < 1 ? firstContinuation : null),
    complete: read === lines.length,
  };
}
