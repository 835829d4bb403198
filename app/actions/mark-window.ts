"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionOk, type ActionState } from "@/lib/domain/action-state";
import type { RunTruth } from "@/lib/domain/types";
import { markWindowTruth } from "@/lib/db/mark-window-truth";
import { formFields, runAction } from "@/lib/server/http/run-action";
import { markMessage, parseMarkFields } from "@/lib/server/runs/run-labels";

/** A mark's answer: ActionState, and once a mark is saved, the run's ground truth after it. */
export type MarkWindowState = ActionState | { status: "ok"; message: string; runId: number; truth: RunTruth; changed: boolean };

/**
 * Marks a window of a finished run as a real anomaly or as normal in the run's ground truth.
 * Fields: runId, index (the window), mark ("anomalous" or "normal"). The first mark on a run
 * without labels creates them; the run page's evaluation reads the new truth on its next render.
 *
 * It answers with the new truth instead of revalidating the pages (revalidateRuns). A revalidating
 * action's answer carries the window page re-rendered, which the client commits in the same
 * transition as this action's state; that page streams in many rows, and the React that Next 15.5
 * bundles can lose the wake-up of a transition that suspends on a row arriving mid-render (a
 * "suspended with delay" render pinged synchronously). The transition then never committed and the
 * button stayed on "Saving the mark…" for good: 1 run in 3 of test/browser/feedback.test.ts.
 * Without revalidation the answer holds no page and nothing suspends; components/window/window-truth.tsx
 * shows the truth it gets and refreshes the page afterwards, outside this transition.
 */
export async function markWindow(_previous: MarkWindowState, formData: FormData): Promise<MarkWindowState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  // runAction answers a plain ActionState; the saved truth is kept aside and added to its answer.
  const saved: { truth?: RunTruth; changed?: boolean } = {};
  const state = await runAction("mark window", async () => {
    const mark = parseMarkFields(formFields(formData));
    const marked = await markWindowTruth(mark);
    saved.truth = marked.truth;
    saved.changed = marked.changed;
    return actionOk(markMessage(mark, marked), mark.runId);
  });
  if (state.status !== "ok" || state.runId === undefined || !saved.truth) return state;
  return { status: "ok", message: state.message, runId: state.runId, truth: saved.truth, changed: saved.changed === true };
}
