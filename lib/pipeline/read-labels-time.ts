// ISO-8601 date and time with a time of day; seconds, fraction and zone optional. A space may stand
// for the "T" (as spreadsheets and Python's str(datetime) write it).
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UNIX_SECONDS = /^\d+(?:\.\d+)?$/;
// The latest moment a Date can hold (8.64e15 ms): a later "time" could not be shown in a sentence.
const MAX_SECONDS = 8.64e12;

/**
 * Unix seconds (fraction dropped) of a labels-file time: ISO-8601 (UTC unless it names a zone, as
 * docs/pipeline.md §1 treats log times) or plain Unix seconds. Null when the text is neither, names an
 * impossible date such as February 30, or is past the last moment a Date can hold.
 */
export function parseLabelTime(text: string): number | null {
  if (UNIX_SECONDS.test(text)) {
    const seconds = Math.floor(Number(text));
    return seconds <= MAX_SECONDS ? seconds : null;
  }
  const match = ISO.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  const ms = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March; a labels file with such a date is wrong, not early.
  if (
    date.getUTCFullYear() !== year || date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day ||
    (hour as number) > 23 || (minute as number) > 59 || second > 59
  ) {
    return null;
  }
  return ms / 1000 - zoneOffsetSeconds(match[7]);
}

function zoneOffsetSeconds(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 3600 + minutes * 60);
}

/**
 * The time a window-starts line names: its first comma-separated cell (the generator's
 * `window_start,kind`), else the cell's first whitespace-separated token (`1718361060 note`).
 */
export function parseLabelLineTime(line: string): number | null {
  const cell = (line.split(",")[0] ?? "").trim();
  const whole = parseLabelTime(cell);
  if (whole !== null) return whole;
  const token = cell.split(/\s+/)[0] ?? "";
  return token === cell ? null : parseLabelTime(token);
}
