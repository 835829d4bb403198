"use client";

import { createContext, useActionState, useContext, useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { markWindow, type MarkWindowState } from "@/app/actions/mark-window";
import { TruthMarkBadge } from "@/components/run/windows-truth-mark";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import type { RunTruth } from "@/lib/domain/types";
import { truthMarkOf } from "@/lib/ui/window-rows";

/** The window page's ground truth and the mark action that changes it, shared by the parts showing it. */
interface WindowTruth {
  /** The run's ground truth as the page shows it (RunRecord.truth), or null when it has none yet. */
  truth: RunTruth | null;
  state: MarkWindowState;
  mark: (form: FormData) => void;
  pending: boolean;
}

const WindowTruthContext = createContext<WindowTruth | null>(null);

/**
 * Holds the "Mark as …" action (window-feedback.tsx) for the whole window page. A mark answers with
 * the run's new truth and re-renders nothing (app/actions/mark-window.ts says why), so the page
 * shows that answer until the page itself is newer: the page's truth when the answer came is kept,
 * and once the page re-renders with other data (the refresh below), the page's truth wins.
 */
export function WindowTruthProvider({ truth, children }: { truth: RunTruth | null; children: ReactNode }) {
  const [state, mark, pending] = useActionState<MarkWindowState, FormData>(markWindow, IDLE_ACTION);
  const router = useRouter();
  const [answer, setAnswer] = useState({ state, pageTruth: truth });
  if (answer.state !== state) setAnswer({ state, pageTruth: truth });
  const shown = answer.state.status === "ok" && "truth" in answer.state && answer.pageTruth === truth ? answer.state.truth : truth;

  // The router's cached pages (the run page's evaluation on Back) and the page's server parts follow
  // the new truth. After the mark's transition, not inside it: should this refresh's render stall
  // as the mark's did, nothing waits on it and the next update commits it.
  useEffect(() => {
    if (state.status === "ok" && "truth" in state && state.changed) router.refresh();
  }, [state, router]);

  return <WindowTruthContext.Provider value={{ truth: shown, state, mark, pending }}>{children}</WindowTruthContext.Provider>;
}

export function useWindowTruth(): WindowTruth {
  const value = useContext(WindowTruthContext);
  if (!value) throw new Error("useWindowTruth is used outside a WindowTruthProvider.");
  return value;
}

/** "Ground truth: …" under the window's title: hit, false alarm or missed under the page's thresholds. */
export function WindowTruthLine({ index, flagged }: { index: number; flagged: boolean }) {
  const { truth } = useWindowTruth();
  if (!truth) return null;
  const mark = truthMarkOf(flagged, truth.windows.includes(index));
  return (
    <p className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="window-truth">
      Ground truth: {mark ? <TruthMarkBadge mark={mark} long /> : "labelled normal, and not flagged (true negative)"}
    </p>
  );
}
