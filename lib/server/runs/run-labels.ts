import "server-only";
import type { RunTruth } from "@/lib/domain/types";
import { getRunWindowSpans, type WindowSpan } from "@/lib/db/get-run-window-spans";
import { updateRun } from "@/lib/db/update-run";
import { isUserInputError } from "@/lib/domain/user-input-error";
import type { WindowLabelSource } from "@/lib/pipeline/read-labels";
import { getFinishedRun } from "./relabel-run";
import { ServiceError } from "@/lib/server/http/service-error";
import { discardLabels, readReceivedLabels, type ReceivedLabels } from "@/lib/server/uploads/store-labels";
import { removeRunLabels } from "@/lib/jobs/run-files";
import { webLabelsMessage } from "@/lib/jobs/job-messages";

/**
 * Per-line labels learn each record's window while the log is parsed. A finished run is not parsed
 * again: its stored line ranges say the same thing (every record line of a window lies in one of
 * its ranges), so they are replayed in line order.
 */
function replayRecords(source: WindowLabelSource, spans: readonly WindowSpan[]): number {
  const onRecord = source.onRecord;
  if (!onRecord) return 0;
  const ranges = spans.flatMap((w) => w.lineRanges.map((r) => ({ ...r, windowStart: w.start })));
  ranges.sort((a, b) => a.firstLine - b.firstLine);
  let records = 0;
  for (const r of ranges) {
    for (let k = 0; k < r.lineCount; k++) {
      // Offsets and times are not kept per line; label sources only need the line and its window.
      onRecord({ line: r.firstLine + k, offset: r.offset, length: 0, ts: r.windowStart, windowStart: r.windowStart });
      records++;
    }
  }
  return records;
}

/**
 * Attaches ground truth to a finished run from a labels file: window starts map by start, per-line
 * labels through the windows' stored line ranges. A file that does not fit the run is refused
 * (400, one sentence) and nothing stored changes. The received file is deleted either way.
 */
export async function attachRunLabels(runId: number, received: ReceivedLabels): Promise<RunTruth> {
  try {
    const run = await getFinishedRun(runId);
    const source = await readReceivedLabels(received);
    const spans = await getRunWindowSpans(runId);
    if (source.onRecord && replayRecords(source, spans) === 0) {
      throw new ServiceError(409, `Run ${runId} has no stored line positions, so per-line labels cannot be mapped to its windows: send window starts instead.`, {
        labels: "per-line labels need the run's line positions; send window starts instead",
      });
    }
    let labels: Uint8Array;
    try {
      const windows = spans.map((w) => ({ start: w.start, end: w.end, values: [] }));
      labels = source.toLabels(windows, run.logFile.lines);
    } catch (error) {
      if (!isUserInputError(error)) throw error;
      const message = webLabelsMessage(error.message);
      throw new ServiceError(400, message, { labels: message });
    }
    const windows: number[] = [];
    labels.forEach((label, i) => {
      if (label === 1) windows.push(i);
    });
    const truth: RunTruth = { source: `${received.originalName}: ${source.description}`, windows };
    await updateRun(runId, { truth });
    return truth;
  } finally {
    await discardLabels(received);
  }
}

/** Removes a finished run's ground truth (and the labels file it was trained with). */
export async function removeRunTruth(runId: number): Promise<void> {
  await getFinishedRun(runId);
  await updateRun(runId, { truth: null });
  await removeRunLabels(runId);
}
