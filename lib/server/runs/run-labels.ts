import "server-only";
import { z } from "zod";
import type { RunTruth } from "@/lib/domain/types";
import { getRun } from "@/lib/db/get-run";
import { getRunWindowSpans, type WindowSpan } from "@/lib/db/get-run-window-spans";
import type { MarkedTruth } from "@/lib/db/mark-window-truth";
import { updateRun } from "@/lib/db/update-run";
import { parseId } from "@/lib/domain/parse-id";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { fieldErrors } from "@/lib/pipeline/params";
import { invalidInput, oneOf } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
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

const INDEX_MESSAGE = "index must be a window's number, such as 12";

const markFieldsSchema = z.object({
  index: z.unknown().transform((raw, context) => {
    const index = parseId(raw, "window");
    if (index !== null) return index;
    context.addIssue({ code: "custom", message: INDEX_MESSAGE });
    return z.NEVER;
  }),
  mark: oneOf("mark", ["anomalous", "normal"]),
});

/** A mark from the window page: `runId`, `index` (the window) and `mark` ("anomalous" or "normal"). */
export interface WindowMark {
  runId: number;
  index: number;
  anomalous: boolean;
}

/** The fields of a mark, checked: an unknown run id is 404, a bad index or mark 400 with the field named. */
export function parseMarkFields(fields: Record<string, unknown>): WindowMark {
  const runId = requireId(fields.runId);
  const parsed = markFieldsSchema.safeParse(fields);
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  return { runId, index: parsed.data.index, anomalous: parsed.data.mark === "anomalous" };
}

/** What the window page announces after a mark (one sentence). */
export function markMessage(mark: WindowMark, marked: MarkedTruth): string {
  const label = mark.anomalous ? "anomalous" : "normal";
  if (!marked.changed) return `Window #${mark.index} was already labelled ${label}; nothing changed.`;
  if (marked.created) return `Window #${mark.index} is labelled ${label}: these are the run's first labels, and every unmarked window counts as normal.`;
  return `Window #${mark.index} is now labelled ${label}, and the run's evaluation counts it so.`;
}

/** A run's ground truth as a labels file a new run can be started with. */
export interface TruthLabelsFile {
  /** The file's name, which names the run it came from ("run-12-labels.csv"). */
  name: string;
  /** The generator's "window_start,kind" CSV: one ISO start per labelled window. */
  text: string;
  /** The truth's own source, to say what is carried ("labels.csv: ... + 2 analyst marks"). */
  source: string;
  /** Labelled windows. */
  windows: number;
}

/**
 * A run's ground truth (labels file, analyst marks or both) written as window starts, so a re-run
 * of the same log starts with the same labels. Window starts work for any window length: a start
 * labels the new run's window that contains it. Null when the run has no labelled window (a labels
 * file must name at least one).
 */
export async function truthLabelsFile(runId: number): Promise<TruthLabelsFile | null> {
  const run = await getRun(runId);
  if (!run) throw new ServiceError(404, `There is no run ${runId}.`);
  if (!run.truth || run.truth.windows.length === 0) return null;
  const spans = await getRunWindowSpans(runId);
  const starts = run.truth.windows.flatMap((index) => {
    const span = spans[index];
    return span ? [formatIsoUtc(span.start)] : [];
  });
  if (starts.length === 0) return null;
  return {
    name: `run-${runId}-labels.csv`,
    text: `window_start,kind\n${starts.map((start) => `${start},labelled`).join("\n")}\n`,
    source: run.truth.source,
    windows: starts.length,
  };
}
