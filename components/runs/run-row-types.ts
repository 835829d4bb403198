import type { AnomalyCounts, RunParams, RunStatus } from "@/lib/db/types";

/** One run as the Runs table shows it (plain data, passed from the server page). */
export interface RunRow {
  id: number;
  logFileId: number;
  fileName: string;
  fileSize: number;
  fileLines: number;
  /** Epoch milliseconds. */
  createdAt: number;
  finishedAt: number | null;
  status: RunStatus;
  params: RunParams;
  windowCount: number | null;
  counts: AnomalyCounts | null;
  error: string | null;
  /** The active job's progress (0..1) and message, for queued and running runs. */
  progress: number;
  message: string | null;
}
