/**
 * What `error_keyword_lines` looks for: a word that says something went wrong, as a whole word
 * (`\b`, so `error:` and `[FAILED]` count but `terror`, `failsafe` and `EXT3_ERROR` do not), any case.
 * Inflections are listed rather than matched by prefix, so `failover` or `criticality` stay out.
 * Several words are phrases ("timed out", "out of memory"); "I/O error" is caught by "error".
 * It will also fire on "0 errors" or "errors=remount-ro": a count of lines, not a diagnosis.
 */
export const ERROR_KEYWORDS = [
  "error", "errors",
  "fail", "fails", "failed", "failing", "failure", "failures",
  "panic", "panics", "panicked",
  "segfault", "segfaulted",
  "denied",
  "fatal",
  "critical",
  "timeout", "timeouts", "timed out",
  "refused",
  "unable",
  "cannot",
  "abort", "aborts", "aborted", "aborting",
  "corrupt", "corrupted", "corruption",
  "oops",
  "killed",
  "out of memory",
  "exception", "exceptions",
  "crash", "crashed", "crashes",
] as const;

// Longest first, so an alternation never stops at a shorter word that is a prefix of a longer one
// (with `\b` after the group it would backtrack anyway; this just saves the backtracking).
const alternatives = [...ERROR_KEYWORDS]
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/ /g, String.raw`\s+`));

/** One regex for all keywords; words of a phrase may be separated by any whitespace. */
export const ERROR_KEYWORD_PATTERN = new RegExp(String.raw`\b(?:${alternatives.join("|")})\b`, "i");

/** True when the message holds one of ERROR_KEYWORDS as a word (case-insensitive). */
export function hasErrorKeyword(message: string): boolean {
  return ERROR_KEYWORD_PATTERN.test(message);
}
