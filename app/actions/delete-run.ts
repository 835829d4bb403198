"use server";

import type { ActionState } from "@/lib/server/http/action-state";
import { parseId } from "@/lib/server/http/request-input";
import { removeRun } from "@/lib/server/runs/run-commands";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";

/**
 * Deletes a run (field `runId`): its windows, presets, jobs, model files and, when no other run
 * uses it, the stored upload. A run in progress is cancelled first.
 */
export async function deleteRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction("delete run", async () => {
    const runId = parseId(formFields(formData).runId);
    await removeRun(runId);
    await revalidateRuns();
    return { ok: true, message: `Run ${runId} was deleted.`, errors: {}, runId };
  });
}
