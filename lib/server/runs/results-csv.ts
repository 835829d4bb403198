import { listWindows } from "@/lib/db/list-windows";
import type { LabelSettings, WindowRecord } from "@/lib/db/types";
import { featureNamesOf } from "@/lib/db/window-columns";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { FEATURE_NAMES } from "@/lib/logs/types";
import { EXTRA_COLUMNS, RESULT_COLUMNS } from "@/lib/pipeline/format-results-csv";
import { getFinishedRun } from "./relabel-run";
import { labelsFor } from "./run-windows";
import type { RunLabels } from "./relabel-run";

const SEED_FEATURES = FEATURE_NAMES.length;

/** lib/pipeline formatResultsCsv's header: docs/pipeline.md §6 columns, an extended run's four features, the score columns. */
export function resultsCsvHeader(featureNames: readonly string[]): string {
  return [...RESULT_COLUMNS, ...featureNames.slice(SEED_FEATURES), ...EXTRA_COLUMNS].join(",");
}

// As formatResultsCsv writes numbers, so a stored run's CSV equals the CLI's byte for byte.
function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

function formatRow(w: WindowRecord, relabelled: RunLabels | null): string {
  const i = w.index;
  let labels = [w.labels.isolationForest, w.labels.dbscan, w.labels.autoencoder, w.labels.ensemble].map(Number);
  let distance = w.dbscanDistance;
  if (relabelled) {
    const l = relabelled.relabelling.labels;
    labels = [l.isolationForest[i], l.dbscan[i], l.autoencoder[i], l.ensemble[i]].map((v) => v ?? 0);
    distance = relabelled.relabelling.dbscanDistance[i] ?? distance;
  }
  return [
    formatIsoUtc(w.start),
    formatIsoUtc(w.end),
    ...w.features.slice(0, SEED_FEATURES).map(formatNumber),
    ...labels,
    ...w.features.slice(SEED_FEATURES).map(formatNumber),
    formatNumber(w.ifScore),
    formatNumber(w.aeError),
    formatNumber(distance),
  ].join(",");
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
      const { windows, pageCount } = await listWindows({ runId, sort: "time", direction: "asc", page, pageSize: PAGE });
      if (windows.length > 0) controller.enqueue(encoder.encode(windows.map((w) => `${formatRow(w, relabelled)}\n`).join("")));
      if (page >= pageCount || windows.length === 0) controller.close();
      page++;
    },
  });
}
