import { findTimestampAt } from "./timestamps";
import type { FormatDefinition, LineParser, LineVerdict } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); every record's time goes through this local copy.
const timestampAt = findTimestampAt;

/**
 * `timestamped`: the fallback for application logs no built-in or preset describes (log4j, Kafka,
 * spdlog, loguru, NLog, Laravel, logfmt, Python...): a line that shows a timestamp near its start
 * begins a record, and any other line (a stack trace, an indented or wrapped line) continues it.
 *
 * - Record: the line does not start with a blank (an indented line continues a record), and one of
 *   the shapes of timestamps.ts starts within its first MAX_PREFIX characters, at the start or just
 *   after a separator (blank `[ ( " ' = : | ,`), as in `[2016-12-19 20:39:48,918] INFO ...`,
 *   `time="2024-11-12T14:39:08+09:00" level=info ...` or `MainThread::INFO::2011-12-05 07:04:56,101::...`.
 * - time: that timestamp. host and process: empty (docs/pipeline.md §1b: the format names none).
 * - level: the first level word (ERROR, warn, INFO...; `level=x` too) among the text before the
 *   timestamp and the first three words after it, as written; empty when there is none.
 * - message: everything after the timestamp, from its first character that is not a closing
 *   bracket, quote, blank, `|` or `:` (§1b's rule for formats without a message field).
 *
 * Detection tries it last: a preset, a built-in or syslog that reads a log as well is preferred.
 */

const MAX_PREFIX = 40;
const LEVEL_WORDS = new Set([
  "TRACE", "DEBUG", "FINE", "FINER", "FINEST", "CONFIG", "VERBOSE", "INFO", "INFORMATION", "NOTICE",
  "WARN", "WARNING", "ERROR", "ERR", "SEVERE", "FATAL", "CRIT", "CRITICAL", "ALERT", "EMERG", "EMERGENCY",
]);

function isSeparator(c: number): boolean {
  // blank, tab, [ ( " ' = : | ,
  return c === 32 || c === 9 || c === 91 || c === 40 || c === 34 || c === 39 || c === 61 || c === 58 || c === 124 || c === 44;
}

/** Closing brackets, quotes, blanks, bars and colons between a timestamp and the text. */
function isLead(c: number): boolean {
  return c === 93 || c === 41 || c === 34 || c === 39 || c === 32 || c === 9 || c === 124 || c === 58;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A digit or `_` next to a word means it is part of an identifier, not a level (made once: this runs per word). */
const glued = (x: number): boolean => (x >= 48 && x <= 57) || x === 95;

/**
 * The first level word among the runs of letters of `text[from, to)` that stand alone (not glued
 * to a digit or an underscore): `[INFO]`, `level=warn`, `laravel.ERROR:`; "" when there is none.
 * `words` > 0 stops after that many blank-separated words.
 */
function levelIn(text: string, from: number, to: number, words: number): string {
  let blanks = 0;
  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      if (c === 32 || c === 9) {
        if (words > 0 && ++blanks >= words) return "";
        while (i + 1 < to && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) i++;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && isLetter(text.charCodeAt(j))) j++;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = j < text.length ? text.charCodeAt(j) : 32;
    if (j - i >= 3 && j - i <= 11 && !glued(before) && !glued(after)) {
      const word = text.slice(i, j);
      if (LEVEL_WORDS.has(word.toUpperCase())) return word;
    }
    i = j;
  }
  return "";
}

export function parseTimestampedLine(line: string): LineVerdict {
  const first = line.charCodeAt(0);
  if (line.length === 0 || first === 32 || first === 9) return null;
  const len = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
  const limit = Math.min(MAX_PREFIX, len);
  for (let p = 0; p < limit; p++) {
    if (p > 0 && !isSeparator(line.charCodeAt(p - 1))) continue;
    const c = line.charCodeAt(p);
    // Every shape starts with a digit, an upper-case letter (month, weekday) or `[`.
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 91)) continue;
    const found = timestampAt(line, p);
    if (found === null || found.end > len) continue;
    let start = found.end;
    while (start < len && isLead(line.charCodeAt(start))) start++;
    const level = levelIn(line, 0, p, 0) || levelIn(line, start, len, 3);
    return { stamp: found.stamp, host: "", process: "", level, message: line.slice(start, len) };
  }
  return null;
}

const PARSER: LineParser = { parseLine: parseTimestampedLine };

export const timestampedLines: FormatDefinition = {
  name: "timestamped",
  description: "Any log whose lines start with a timestamp (log4j, Kafka, spdlog, logfmt...); other lines continue the record above",
  continuations: true,
  masks: [],
  // Stateless: one shared parser serves every file.
  createParser: () => PARSER,
};
