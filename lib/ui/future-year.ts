/**
 * The New run page's warning for a typed year that puts a log's year-less timestamps in the
 * future: windows of times that have not happened yet are almost always a wrong year (a log
 * written last December read with this year), and the run would still train without a word.
 */

export interface PreviewTimes {
  /** The year the preview placed year-less stamps in; null when the log has none (the year changes nothing). */
  year: number | null;
  /** ISO times of the first and last records the preview read (the log's head). */
  firstTime: string | null;
  lastTime: string | null;
}

export interface FutureYearWarning {
  /** The latest earlier year that puts every previewed record at or before now. */
  suggested: number;
  /** One sentence for beside the Year field. */
  sentence: string;
}

/** `iso` moved back by `years` whole years (Feb 29 lands on Mar 1, as Date does). */
function yearsEarlier(iso: string, years: number): number {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.getTime();
}

/**
 * A warning when `typed` is the preview's year and its last previewed record falls after `now`
 * (ms); null otherwise, and null for a preview of another year (one still loading for an older
 * value) so a stale preview never warns about the year just typed.
 */
export function futureYearWarning(typed: string, preview: PreviewTimes | null, now: number): FutureYearWarning | null {
  const year = Number(typed.trim());
  if (!preview || preview.year === null || preview.lastTime === null || typed.trim() === "" || !Number.isInteger(year) || preview.year !== year) return null;
  const last = Date.parse(preview.lastTime);
  if (!Number.isFinite(last) || last <= now) return null;
  let back = 1;
  // A log spans at most a few years; 100 bounds the loop for any input.
  while (back < 100 && yearsEarlier(preview.lastTime, back) > now) back++;
  const suggested = year - back;
  const shown = preview.lastTime.replace("T", " ").slice(0, 16);
  return {
    suggested,
    sentence: `With ${year}, the log's records run to ${shown} UTC, which is in the future; the log is probably from ${suggested}.`,
  };
}
