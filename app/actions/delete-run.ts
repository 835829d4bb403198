"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionOk, type ActionState } from "@/lib/domain/action-state";
import { requireId } from "@/lib/server/http/route-params";
import { removeRun } from "@/lib/server/runs/run-commands";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";

/**
 * Deletes a run (field `runId`): its windows, presets, jobs, model files and, when no other run
 * uses it, the stored upload. A run in progress is cancelled first.
 */
export async function deleteRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  return runAction("delete run", async () => {
    const runId = requireId(formFields(formData).runId);
    await removeRun(runId);
    await revalidateRuns();
    return actionOk(`Run ${runId} was deleted.`, runId);
  });
}
