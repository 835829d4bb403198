"use client";

import { Card } from "@/components/ui/card";
import type { RunTruth } from "@/lib/domain/types";
import { useWindowTruth } from "./window-truth";

interface WindowFeedbackProps {
  runId: number;
  index: number;
  className?: string;
}

type TruthState = "none" | "anomalous" | "normal";

const PRESSED: Record<Exclude<TruthState, "none">, string> = {
  anomalous: "border-red-700 bg-red-700 text-white hover:bg-red-800",
  normal: "border-emerald-700 bg-emerald-700 text-white hover:bg-emerald-800",
};
const UNPRESSED = "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 hover:text-slate-900";

function describe(state: TruthState, truth: RunTruth | null): string {
  if (state === "none" || !truth) return "This run has no ground truth yet: a mark creates it, and every window you leave unmarked then counts as normal.";
  return `Labelled ${state} in the run's ground truth (${truth.source}).`;
}

/**
 * "Mark as anomalous" / "Mark as normal": the analyst's verdict on this window goes into the run's
 * ground truth (app/actions/mark-window.ts), which the run page's evaluation is computed against.
 * The pressed button is the window's current label; the outcome is announced in a live region.
 * Plain form buttons, so it works from the keyboard and before the page's scripts have loaded.
 * The truth and the action are the page's (window-truth.tsx), which the title's badge follows too.
 */
export function WindowFeedback({ runId, index, className = "" }: WindowFeedbackProps) {
  const { truth, state, mark: action, pending } = useWindowTruth();
  const current: TruthState = truth === null ? "none" : truth.windows.includes(index) ? "anomalous" : "normal";

  return (
    <Card label="Ground truth" className={className}>
      <form action={action} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <input type="hidden" name="runId" value={runId} />
        <input type="hidden" name="index" value={index} />
        <div className="min-w-0 flex-[1_1_16rem]">
          <h2 className="text-sm font-semibold text-slate-900">Ground truth</h2>
          <p className="mt-0.5 text-xs text-slate-600">{describe(current, truth)}</p>
        </div>
        <div role="group" aria-label="Label this window" className="flex flex-wrap gap-2">
          {(["anomalous", "normal"] as const).map((mark) => (
            <button
              key={mark}
              type="submit"
              name="mark"
              value={mark}
              aria-pressed={current === mark}
              disabled={pending}
              className={`inline-flex h-8 items-center rounded-md border px-2.5 text-[13px] font-medium shadow-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-60 ${current === mark ? PRESSED[mark] : UNPRESSED}`}
            >
              Mark as {mark}
            </button>
          ))}
        </div>
        <p role="status" aria-live="polite" className={`w-full text-xs empty:hidden ${state.status === "error" ? "font-medium text-red-700" : "text-slate-700"}`}>
          {pending ? "Saving the mark…" : state.status === "idle" ? "" : state.message}
        </p>
      </form>
    </Card>
  );
}
