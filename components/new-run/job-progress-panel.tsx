"use client";

import { useState } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { useRunStatus } from "@/components/runs/use-run-status";
import type { RunStatusSnapshot } from "@/lib/ui/run-status-snapshot";
import { JOB_STAGES, stageOfJob } from "@/lib/ui/job-stages";
import { addLossPoint, parseEpochMessage, type LossPoint } from "@/lib/ui/loss-history";
import { LossChart } from "./loss-chart";

interface JobProgressPanelProps {
  runId: number;
  initial?: RunStatusSnapshot | null;
  onSettled: (snapshot: RunStatusSnapshot) => void;
}

/** Live view of a run's job: the step it is in, overall progress, its message and the AE loss curve. */
export function JobProgressPanel({ runId, initial = null, onSettled }: JobProgressPanelProps) {
  const [losses, setLosses] = useState<readonly LossPoint[]>(() => addLossPoint([], parseEpochMessage(initial?.message)));
  const { snapshot, gone, stale } = useRunStatus(initial, runId, {
    onSettled,
    onSnapshot: (s) => setLosses((history) => addLossPoint(history, parseEpochMessage(s.message))),
  });
  const status = snapshot?.status ?? "queued";
  const progress = snapshot?.progress ?? 0;
  const current = stageOfJob(progress, snapshot?.message);
  const currentIndex = JOB_STAGES.findIndex((s) => s.key === current);
  const done = status === "succeeded";
  const epochs = losses[losses.length - 1]?.epochs ?? null;

  if (gone) return <p className="text-sm text-red-600">Run #{runId} no longer exists; it was deleted.</p>;

  return (
    <div aria-live="polite">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium text-slate-900">Run #{runId}</span>
        <StatusBadge status={status} />
      </div>
      <ol className="mt-3 grid grid-cols-4 gap-1.5" aria-label="Pipeline steps">
        {JOB_STAGES.map((stage, i) => {
          const state = done || i < currentIndex ? "done" : i === currentIndex && status === "running" ? "active" : "todo";
          return (
            <li key={stage.key} aria-current={state === "active" ? "step" : undefined}>
              <div className={`h-1 rounded-full ${state === "done" ? "bg-blue-600" : state === "active" ? "bg-blue-300" : "bg-slate-200"}`} />
              <div className={`mt-1.5 text-[11px] leading-tight ${state === "todo" ? "text-slate-500" : "font-medium text-slate-700"}`}>{stage.label}</div>
            </li>
          );
        })}
      </ol>
      <div className="mt-4 flex items-baseline justify-between gap-3">
        <span className="truncate text-xs text-slate-600" title={snapshot?.message ?? undefined}>
          {status === "queued" ? "Waiting for a worker…" : (snapshot?.message ?? "Starting…")}
        </span>
        <span className="tabular text-sm font-semibold text-slate-900">{Math.round(progress * 100)}%</span>
      </div>
      <div className="mt-1.5">
        <ProgressBar value={status === "queued" ? null : progress} label={`Run ${runId} progress`} tone={status === "failed" ? "red" : "blue"} />
      </div>
      {stale && <p className="mt-2 text-xs text-amber-700">Progress updates are delayed; still trying…</p>}
      <div className="mt-5">
        <div className="mb-1 flex items-baseline justify-between text-xs">
          <span className="font-medium text-slate-700">Autoencoder loss</span>
          <span className="tabular text-slate-500">
            {losses.length > 0 ? `epoch ${losses[losses.length - 1]?.epoch}/${epochs} · ${losses[losses.length - 1]?.loss.toFixed(5)}` : "starts after parsing"}
          </span>
        </div>
        <LossChart history={losses} epochs={epochs} />
      </div>
    </div>
  );
}
