import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { LabelSettings } from "@/lib/domain/types";
import { listWindows } from "@/lib/db/list-windows";
import type { WindowRecord } from "@/lib/db/types";
import { featureNamesOf } from "@/lib/db/window-columns";
import { formatResultRow, resultsCsvHeader, type ResultRow } from "@/lib/pipeline/format-results-csv";
import { getFinishedRun } from "./relabel-run";
import { labelsFor } from "./run-windows";
import type { RunLabels } from "./relabel-run";

/** A stored window as a results row: its stored labels, or those of `relabelled` when the thresholds differ. */
export function storedResultRow(w: WindowRecord, relabelled: RunLabels | null): ResultRow {
  const i = w.index;
  const row: ResultRow = {
    start: w.start,
    end: w.end,
    features: w.features,
    labels: [Number(w.labels.isolationForest), Number(w.labels.dbscan), Number(w.labels.autoencoder), Number(w.labels.ensemble)],
    ifScore: w.ifScore,
    aeError: w.aeError,
    dbscanDistance: w.dbscanDistance,
  };
  if (!relabelled) return row;
  const l = relabelled.relabelling.labels;
  return {
    ...row,
    labels: [l.isolationForest[i] ?? 0, l.dbscan[i] ?? 0, l.autoencoder[i] ?? 0, l.ensemble[i] ?? 0],
    dbscanDistance: relabelled.relabelling.dbscanDistance[i] ?? w.dbscanDistance,
  };
}

const PAGE = 1000;

/**
 * A finished run's results as the docs/pipeline.md §6 CSV, one row per window in time order, under its
 * trained labels or relabelled with `thresholds`. Streamed a page of windows at a time.
 */
export async function streamResultsCsv(runId: number, thresholds?: Partial<LabelSettings>): Promise<ReadableStream<Uint8Array>> {
  const run = await getFinishedRun(runId);
  const header = resultsCsvHeader(featureNamesOf(run.params.features));
  const relabelled = await labelsFor(runId, thresholds);
  const encoder = new TextEncoder();
  let page = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (page === 0) {
        page = 1;
        controller.enqueue(encoder.encode(`${header}\n`));
        return;
      }
      // A page per turn of the event loop: read in one go, the 10k windows of a 1M-line log held
      // it 0.5 s (their database reads resolve without yielding); a page of 1000 takes about 50 ms.
      await nextTurn();
      const { windows, pageCount } = await listWindows({ runId, sort: "time", direction: "asc", page, pageSize: PAGE });
      if (windows.length > 0) controller.enqueue(encoder.encode(windows.map((w) => `${formatResultRow(storedResultRow(w, relabelled))}\n`).join("")));
      if (page >= pageCount || windows.length === 0) controller.close();
      page++;
    },
  });
}
