import type { RunView } from "@/lib/server/runs/run-view";

/**
 * What the Runs table shows of a run: its view as GET /api/runs lists it (RunView), less what the
 * table never reads; its ensemble's score against its ground truth comes from lib/db/list-runs.ts. The
 * page sends only this to the browser: a labelled run's truth alone can list thousands of windows,
 * times two hundred rows.
 */
export type RunRow = Pick<
  RunView,
  "id" | "status" | "progress" | "message" | "params" | "format" | "features" | "thresholds" | "windowCount" | "counts" | "logFile" | "error" | "createdAt" | "finishedAt" | "truthScore"
>;

export function toRunRow(view: RunView): RunRow {
  const { id, status, progress, message, params, format, features, thresholds, windowCount, counts, logFile, error, createdAt, finishedAt, truthScore } = view;
  return { id, status, progress, message, params, format, features, thresholds, windowCount, counts, logFile, error, createdAt, finishedAt, truthScore };
}
