"use client";

import { useRouter } from "next/navigation";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { isActive } from "@/lib/domain/types";
import { formatDuration } from "@/lib/ui/format";
import type { RunRow } from "./run-row";
import { useRunStatus } from "./use-run-status";

/** Status badge; while queued or running, a live progress bar fed by polling the run. */
export function RunStatusCell({ run }: { run: RunRow }) {
  const router = useRouter();
  const active = isActive(run.status);
  const { snapshot } = useRunStatus(
    { id: run.id, status: run.status, progress: run.progress, message: run.message, error: run.error },
    active ? run.id : null,
    { onSettled: () => router.refresh() },
  );
  const status = snapshot?.status ?? run.status;
  const live = isActive(status);
  const tookSeconds = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000 : null;
  return (
    <div className="min-w-0">
      <div className="flex items-center gap-2">
        <StatusBadge status={status} />
        {status === "succeeded" && tookSeconds !== null && <span className="tabular text-xs text-slate-500">{formatDuration(tookSeconds)}</span>}
        {live && <span className="tabular ml-auto text-xs font-medium text-slate-600">{Math.round((snapshot?.progress ?? 0) * 100)}%</span>}
      </div>
      {live && (
        <div className="mt-1.5">
          <ProgressBar value={status === "queued" ? null : (snapshot?.progress ?? 0)} label={`Run ${run.id} progress`} size="sm" />
          <div className="mt-1 truncate text-xs text-slate-500" title={snapshot?.message ?? undefined}>
            {snapshot?.message ?? "Waiting for a worker"}
          </div>
        </div>
      )}
      {status === "failed" && (
        <div className="mt-1 line-clamp-2 text-xs text-red-600" title={snapshot?.error ?? run.error ?? undefined}>
          {snapshot?.error ?? run.error ?? "The run failed."}
        </div>
      )}
    </div>
  );
}
