import { RUN_STATUSES, type RunStatus } from "@/lib/domain/types";

/** Snapshot of `GET /api/runs/:id` as the status pollers use it. */
export interface RunStatusSnapshot {
  id: number;
  status: RunStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  error: string | null;
}

/** Reads the parts of a run response the pollers need; null when it is not such a response. */
export function readRunStatus(json: unknown): RunStatusSnapshot | null {
  if (!json || typeof json !== "object") return null;
  const body = json as Record<string, unknown>;
  const status = RUN_STATUSES.find((s) => s === body.status);
  if (typeof body.id !== "number" || !status) return null;
  const progress = typeof body.progress === "number" && Number.isFinite(body.progress) ? body.progress : 0;
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : null);
  const error = body.error && typeof body.error === "object" ? text((body.error as Record<string, unknown>).message) : text(body.error);
  return { id: body.id, status, progress, message: text(body.message), error };
}
