/**
 * The record model every log format maps onto (docs/pipeline.md §1b): a time, a host, a process, a
 * level and a message. A format is a factory of line parsers; the extractor turns each parsed
 * line's stamp into Unix seconds (year, time zone, rollover), joins continuation lines, and
 * windows the records exactly as it does syslog's.
 *
 * Everything here is pure: strings in, records out, no file system.
 */

/**
 * A record's time as written, before the year, the time zone and the rollover rule are applied.
 * - `instant`: an absolute moment (an explicit offset such as `Z` or `+02:00`, or an epoch number).
 * - `local`: a full date and time with no zone: read in `--tz` (default UTC).
 * - `yearless`: month, day and time only (BSD syslog, some Loghub logs): `--year`, the rollover rule
 *   of docs/pipeline.md §1, then `--tz`.
 * Months are 0-based (0 = Jan); `secondsOfDay` may carry a fraction (dropped when windowing).
 * A parser never builds a stamp for an impossible date (Feb 30): such a line is not a record.
 */
export type Stamp =
  | { kind: "instant"; seconds: number }
  | { kind: "local"; year: number; month: number; day: number; secondsOfDay: number }
  | { kind: "yearless"; month: number; day: number; secondsOfDay: number };

/** One record as a format reads it (docs/pipeline.md §1b); absent fields are empty strings. */
export interface RecordFields {
  stamp: Stamp;
  host: string;
  /** Program, component, logger or tag, without a pid. */
  process: string;
  /** Severity as written (`ERROR`, `W`, RFC 5424 severity as a number, journald PRIORITY). */
  level: string;
  message: string;
}

/**
 * What a line is to a format:
 * - a record (it starts one);
 * - `META`: part of the file's structure, not log content (W3C `#Fields:` directives, a CSV header):
 *   neither a record nor unparsed;
 * - null: not the start of a record (the extractor makes it a continuation of the previous record
 *   when the format allows continuations, else counts it as unparsed).
 */
export const META = "meta" as const;
export type LineVerdict = RecordFields | typeof META | null;

/** Parses the lines of one file, in order (a parser may keep state, e.g. W3C's field list). */
export interface LineParser {
  parseLine(line: string): LineVerdict;
  /** Records the parser still holds at the end of the file (CRI's unfinished partial lines); called once. */
  flush?(): RecordFields[];
}

/** `--field name=path` overrides for structured formats (json): which key holds which field. */
export type FieldOverrides = Partial<Record<"time" | "host" | "process" | "level" | "message", string>>;

/** A `--mask REGEX[=NAME]`: matches are replaced by `<NAME>` (default `<*>`) before template mining. */
export interface MaskSpec {
  pattern: string;
  name?: string;
}

/** What the analyst chose (CLI flags, the API's fields, the New run form), validated by resolveFormat. */
export interface FormatOptions {
  /** "auto" (default), a built-in name (`syslog`, `rfc5424`, `json`, `cri`, `access`, `w3c`), `loghub:<Name>`, or a logparser template such as `<Date> <Time> <Level>: <Content>`. */
  format?: string;
  /** IANA zone or fixed offset for zone-less times (default UTC). */
  tz?: string;
  fields?: FieldOverrides;
  masks?: MaskSpec[];
  /** A strftime-style pattern for unusual timestamps in declared templates (e.g. `%d/%m/%Y:%H:%M:%S`). */
  timeFormat?: string;
}

/** One format the product knows. */
export interface FormatDefinition {
  /** As given to `--format`: `syslog`, `json`, `loghub:HDFS`, ... */
  name: string;
  /** One line for pickers and `--help`. */
  description: string;
  /** Whether a line that starts no record joins the previous record's message (docs/pipeline.md §1b). */
  continuations: boolean;
  /** The masks mining applies for this format (Loghub presets carry Loghub's). */
  masks: readonly MaskSpec[];
  /** A fresh parser for one file. Throws FormatError (a UserInputError) for options it cannot use. */
  createParser(options: FormatOptions): LineParser;
}
