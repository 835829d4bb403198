import type { Labels } from "@/lib/detectors/types";
import { formatCount } from "@/lib/domain/format-quantities";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import type { RecordLocation, WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import type { WindowLabelSource } from "./read-labels";

function countLabelled(labels: Labels): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += labels[i] as number;
  return sum;
}

function spanOf(first: number, last: number): string {
  return `${formatIsoUtc(first)} to ${formatIsoUtc(last)}`;
}

/**
 * Labels given as times of anomalous windows. A time labels the run's window that contains it, so a
 * list of exact window starts works unchanged and minute labels still apply to a run with
 * `--window 300` (a window shorter than the labels' marks only the first of the windows it covers).
 */
export function createWindowStartLabels(name: string, times: readonly number[]): WindowLabelSource {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  return {
    description: `window starts (${formatCount(distinct.length)} window${distinct.length === 1 ? "" : "s"})`,
    kind: "window-starts",
    windowStarts: distinct,
    toLabels(windows: readonly WindowFeatures[]): Labels {
      const first = windows[0];
      const length = first ? first.end - first.start : 1;
      const keys = new Set(distinct.map((t) => t - (((t % length) + length) % length)));
      const labels = Uint8Array.from(windows, (w) => (keys.has(w.start) ? 1 : 0));
      if (countLabelled(labels) === 0) {
        const labelSpan = spanOf(distinct[0] ?? 0, distinct[distinct.length - 1] ?? 0);
        const runSpan = first ? ` (${spanOf(first.start, windows[windows.length - 1]?.start ?? first.start)})` : "";
        throw new UserInputError(
          `None of the ${formatCount(distinct.length)} window starts in ${name} (${labelSpan}) falls in one of the run's ` +
            `${formatCount(windows.length)} windows${runSpan}: check that the labels belong to this log and that --year is the log's year.`,
        );
      }
      return labels;
    },
  };
}

/**
 * Labels per log line (Loghub's BGL style): `alert[i]` is 1 when line i + 1 is an alert. The
 * windows are only known once the log is parsed, so the source collects the windows of alert
 * records from `onRecord` during extraction.
 */
export function createPerLineLabels(name: string, alert: Uint8Array, lines: number, alerts: number): WindowLabelSource {
  let alertWindows = new Set<number>();
  let lastLine = 0;
  let records = 0;
  return {
    description: `per-line labels (${formatCount(alerts)} alert line${alerts === 1 ? "" : "s"})`,
    kind: "per-line",
    lineCount: lines,
    onRecord(record: RecordLocation): void {
      // Line numbers going backwards mean a new extraction of the log: start over.
      if (record.line < lastLine) {
        alertWindows = new Set();
        records = 0;
      }
      lastLine = record.line;
      records++;
      if (alert[record.line - 1] === 1) alertWindows.add(record.windowStart);
    },
    toLabels(windows: readonly WindowFeatures[], logLines: number): Labels {
      if (logLines !== lines) {
        throw new UserInputError(
          `${name} has ${formatCount(lines)} lines but the log has ${formatCount(logLines)}: per-line labels need exactly one line per log line, in the same order.`,
        );
      }
      if (records === 0 && windows.length > 0) {
        throw new Error("per-line labels need onRecord to be called for every parsed record of the log");
      }
      const labels = Uint8Array.from(windows, (w) => (alertWindows.has(w.start) ? 1 : 0));
      if (countLabelled(labels) === 0) {
        throw new UserInputError(
          `None of the ${formatCount(alerts)} alert lines in ${name} is a syslog record of the log, so no window is labelled: check that the labels belong to this log.`,
        );
      }
      return labels;
    },
  };
}
