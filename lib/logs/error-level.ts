/**
 * Whether a record's `level` (docs/pipeline.md §1b: the severity as the format wrote it) says
 * "error or worse", for the extended feature `error_level_lines`. Formats write levels three ways,
 * and all three are told apart without knowing the format:
 * - words, any case, with brackets or a trailing colon around them (`ERROR`, `[error]`, `Err:`):
 *   ERROR_LEVEL_WORDS below, from syslog's names (err, crit, alert, emerg), log4j / logback /
 *   Python (error, fatal, critical, severe), BGL (failure) and one-letter levels (Android logcat,
 *   glog, klog: `E`, `F`);
 * - numbers, read by magnitude like epoch times are: 0-7 is a syslog severity (RFC 5424 PRI,
 *   journald `PRIORITY`; 3 = err and below are errors), 10-60 is Bunyan / Pino's scale (50 = error,
 *   60 = fatal), 100-599 an HTTP status as access and W3C logs carry it (5xx, a server error, is an
 *   error; a 404 is the client's business and routine in any access log);
 * - anything else (`stderr`, `warn`, an empty level) is not an error level.
 */
export const ERROR_LEVEL_WORDS = [
  "error", "err", "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic", "severe", "failure", "e", "f",
] as const;

const WORDS: ReadonlySet<string> = new Set(ERROR_LEVEL_WORDS);
// Brackets, angle brackets, quotes and a trailing colon that some layouts put around the level.
const WRAPPING = /^[\s[(<"']+|[\s\])>"':]+$/g;

function decide(level: string): boolean {
  const word = level.replace(WRAPPING, "").toLowerCase();
  if (WORDS.has(word)) return true;
  if (!/^\d{1,3}$/.test(word)) return false;
  const n = Number(word);
  if (n <= 7) return n <= 3;
  if (n >= 10 && n <= 60) return n >= 50;
  return n >= 500 && n <= 599;
}

// A log has a handful of distinct levels; past this many the answer is worked out each time, so a
// format whose "level" is free text cannot grow the cache without bound.
const MAX_CACHED_LEVELS = 256;

/** isErrorLevel with its answers remembered: one Map lookup per record on the extraction path. */
export class ErrorLevelTest {
  private readonly known = new Map<string, boolean>();

  test(level: string): boolean {
    if (level === "") return false;
    const answer = this.known.get(level);
    if (answer !== undefined) return answer;
    const decided = decide(level);
    if (this.known.size < MAX_CACHED_LEVELS) this.known.set(level, decided);
    return decided;
  }
}

/** True when `level` is an error or worse (see the rules above). */
export function isErrorLevel(level: string): boolean {
  return level !== "" && decide(level);
}
