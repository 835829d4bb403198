"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionOk, type ActionState } from "@/lib/domain/action-state";
import { markWindowTruth } from "@/lib/db/mark-window-truth";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";
import { markMessage, parseMarkFields } from "@/lib/server/runs/run-labels";

/**
 * Marks a window of a finished run as a real anomaly or as normal in the run's ground truth.
 * Fields: runId, index (the window), mark ("anomalous" or "normal"). The first mark on a run
 * without labels creates them; the run page's evaluation reads the new truth on its next render.
 */
export async function markWindow(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  return runAction("mark window", async () => {
    const mark = parseMarkFields(formFields(formData));
    const marked = await markWindowTruth(mark);
    if (marked.changed) await revalidateRuns();
    return actionOk(markMessage(mark, marked), mark.runId);
  });
}
