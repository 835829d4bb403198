import { isWhitespaceCode } from "../parse-line";

/** What a masked variable and a generalised template position look like, as in Drain and Loghub. */
export const WILDCARD = "<*>";

/**
 * The variable shapes that can be masked before the tree search. Drain's benchmark (logparser) uses a
 * hand-written regex list per dataset; these are one small common list for syslog-style messages.
 */
export const MASK_NAMES = ["datetime", "ipv4", "ipv6", "hex", "host", "path", "number"] as const;
export type MaskName = (typeof MASK_NAMES)[number];

// Each pattern matches inside one whitespace-free token. Order matters: at a given position the
// alternation takes the first that matches, so an address is not cut into numbers.
export const MASK_PATTERNS: Record<Exclude<MaskName, "datetime">, string> = {
  // 10.0.0.1 and 10.0.0.1:22
  ipv4: String.raw`(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?!\w|\.\w)`,
  // fe80::1, 2001:db8::ff00:42:8329, MAC addresses; also clock times (05:47:42), which are variables too
  ipv6: String.raw`(?<![\w:])(?=[0-9a-fA-F:]*\d)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\w:])`,
  // UUIDs, 0x1f, and bare hex words of 8+ digits that hold a decimal digit (addresses, ids)
  hex: String.raw`(?<![\w.])(?:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,})(?!\w|\.\w)`,
  // host names with at least three labels, as in logparser's OpenSSH setting, whose last label is a
  // lower-case top-level domain: Java classes and Android intents (`org.apache.spark.SparkEnv`,
  // `android.intent.action.SCREEN_ON`) end otherwise, and which class or intent it is matters
  host: String.raw`(?<![\w.-])(?:[\w-]+\.){2,}[a-z]{2,}(?![\w.-])`,
  // absolute paths of one or more segments (/proc/kmsg, /udev/vcs2), at the start of a token or after = : ' " (
  path: String.raw`(?<![^=:'"(\[,])(?:/[\w.@+~%-]+)+/?`,
  // 12, -3, 1.5, 2.6.5, and numbers glued to a unit (12ms, 126MB, 16K, 99%)
  number: String.raw`(?<![\w.])[-+]?\d+(?:\.\d+)*(?:[a-zA-Z]{1,2}|%)?(?!\w|\.\w)`,
};

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const CLOCK = String.raw`\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?`;
// Dates spread over several tokens become one `<*>` before splitting, so `Jul  1` and `Jul 26` give the
// same token count: ctime (`Tue Jul 26 05:47:42 2005`, `Sat May 8 09:04:50 EDT 2004`), syslog-style
// `Jun 18 02:23:10`, and ISO 8601 with a space or `T` (`2005-07-26 05:47:42.123+02:00`).
export const DATETIME = new RegExp(
  String.raw`(?<![\w:])(?:(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?${MONTH}\s+\d{1,2},?(?:\s+\d{4})?\s+${CLOCK}(?:\s+[A-Z]{3,4})?(?:\s+\d{4})?` +
    String.raw`|\d{4}-\d{2}-\d{2}[T\s]${CLOCK}(?:Z|[+-]\d{2}:?\d{2})?)(?![\w:])`,
  "g",
);
// A date has a month name or an ISO day; messages without one skip the date regex, which is slow
// because it tries its lookbehind at every position.
const HAS_DAY = new RegExp(String.raw`${MONTH}\s+\d|\d{4}-\d\d-\d\d`);

const COLON = 58;
const LETTER_T = 84;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** True when `\d{1,2}:\d{2}:\d{2}` has its first colon at `p` and whitespace or `T` right before it. */
function spacedClockAt(message: string, p: number): boolean {
  const at = (k: number): number => message.charCodeAt(k);
  if (!(isDigit(at(p - 1)) && isDigit(at(p + 1)) && isDigit(at(p + 2)) && at(p + 3) === COLON && isDigit(at(p + 4)) && isDigit(at(p + 5)))) {
    return false;
  }
  const before = isDigit(at(p - 2)) ? at(p - 3) : at(p - 2);
  return before === LETTER_T || isWhitespaceCode(before);
}

/**
 * False when DATETIME cannot match `message`: both of its forms need a clock time preceded by
 * whitespace or `T`, and a month name or an ISO day (HAS_DAY). The colons are scanned by hand before
 * HAS_DAY runs because access-log lines have a clock glued to their date (`[18/Jun/2025:22:51:19`)
 * and no month-space-day: testing a clock regex and then HAS_DAY walked all of each such message
 * (half of the bench log's messages). Over its 893k messages this check takes ~100 ms, the two
 * regexes took ~280 ms.
 */
export function mayHoldDate(message: string): boolean {
  for (let p = message.indexOf(":"); p >= 0; p = message.indexOf(":", p + 1)) {
    if (spacedClockAt(message, p)) return HAS_DAY.test(message);
  }
  return false;
}
