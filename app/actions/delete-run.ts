"use server";

import type { ActionState } from "@/lib/jobs/action-state";
import { parseId } from "@/lib/jobs/request-input";
import { removeRun } from "@/lib/jobs/run-commands";
import { formFields, revalidateRuns, runAction } from "@/lib/jobs/run-action";

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
