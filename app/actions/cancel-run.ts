"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionOk, type ActionState } from "@/lib/domain/action-state";
import { requireId } from "@/lib/server/http/route-params";
import { cancelRun as cancelQueuedOrRunning } from "@/lib/server/runs/run-commands";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";

/** Cancels a queued or running run (field `runId`). */
export async function cancelRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  return runAction("cancel run", async () => {
    const runId = requireId(formFields(formData).runId);
    await cancelQueuedOrRunning(runId);
    await revalidateRuns();
    return actionOk(`Run ${runId} was cancelled.`, runId);
  });
}
