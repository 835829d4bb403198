import "server-only";
import { formatCount } from "@/lib/domain/format-quantities";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import type { FormatOptions } from "@/lib/logs/formats/types";
import type { WindowLabelSource } from "@/lib/pipeline/read-labels";
import { readLogTimeSpan, type LogTimeSpan } from "./log-time-span";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * A cheap check, before a run exists, that a labels file can fit the log it is started with: a
 * per-line file must have the log's line count, and some labelled window start must fall within
 * the log's time span (from its first and last records, read in the run's format and year, with one
 * window of slack each side). The worker's check on the extracted windows stays the authoritative
 * one; this only spares the analyst a run that is bound to fail.
 */

export interface LabelsFitInput {
  labels: WindowLabelSource;
  /** The labels file's name as the analyst knows it. */
  labelsName: string;
  /** The stored (or received) log: its path, name as uploaded and line count. */
  log: { path: string; name: string; lines: number };
  /** The run's year for year-less stamps; absent: inferred from the log as the run will. */
  year?: number;
  /** The run's format options (format, tz, fields, timeFormat): the span is read as the run reads the log. */
  format: FormatOptions;
  /** Window length in seconds. */
  window: number;
}

const refused = (message: string) => new ServiceError(400, message, { labels: message });

/** The labelled starts are sorted, so one binary search finds the first at or after `from`. */
function anyWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as number) <= to;
}

/** The sentence refusing window starts that all fall outside the log's span, or null when some fit. */
export function describeStartsOutside(
  starts: readonly number[],
  span: LogTimeSpan,
  input: { labelsName: string; year: number; window: number },
): string | null {
  if (starts.length === 0 || anyWithin(starts, span.first - input.window, span.last + input.window)) return null;
  const firstStart = starts[0] as number;
  const lastStart = starts[starts.length - 1] as number;
  const labelled = starts.length === 1 ? formatIsoUtc(firstStart) : `${formatIsoUtc(firstStart)} .. ${formatIsoUtc(lastStart)}`;
  const logSpan = `${formatIsoUtc(span.first)} .. ${formatIsoUtc(span.last)} with year ${input.year}`;
  const subject =
    starts.length === 1
      ? `The labelled window start in ${input.labelsName} (${labelled}) falls outside`
      : `None of the ${formatCount(starts.length)} labelled window starts in ${input.labelsName} (${labelled}) falls within`;
  return `${subject} the log's time span (${logSpan}): check the year or that the labels belong to this log.`;
}

/** The sentence refusing a per-line file whose line count is not the log's, or null when they agree. */
export function describeLineCountMismatch(labelLines: number, input: { labelsName: string; log: { name: string; lines: number } }): string | null {
  if (labelLines === input.log.lines) return null;
  return (
    `${input.labelsName} has ${formatCount(labelLines)} line${labelLines === 1 ? "" : "s"} but the log ${input.log.name} has ` +
    `${formatCount(input.log.lines)}: per-line labels need exactly one line per log line, in the same order.`
  );
}

/** Throws a 400 (under the field `labels`) when the labels cannot fit the log; see the file comment. */
export async function checkLabelsFitLog(input: LabelsFitInput): Promise<void> {
  const { labels } = input;
  let message: string | null = null;
  if (labels.kind === "per-line" && labels.lineCount !== undefined) {
    message = describeLineCountMismatch(labels.lineCount, input);
  } else if (labels.kind === "window-starts" && labels.windowStarts && labels.windowStarts.length > 0) {
    // An unreadable log is left to the run (queueRun reports a missing stored copy).
    // So is one whose format cannot be settled: the run refuses it with detection's own sentence.
    const span = await readLogTimeSpan(input.log.path, input.year, input.format).catch(() => null);
    if (span) message = describeStartsOutside(labels.windowStarts, span, { ...input, year: span.year });
  }
  if (message !== null) throw refused(message);
}
