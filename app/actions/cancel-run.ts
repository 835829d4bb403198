"use server";

import type { ActionState } from "@/lib/server/http/action-state";
import { parseId } from "@/lib/server/http/request-input";
import { cancelRun as cancelQueuedOrRunning } from "@/lib/server/runs/run-commands";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";

/** Cancels a queued or running run (field `runId`). */
export async function cancelRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction("cancel run", async () => {
    const runId = parseId(formFields(formData).runId);
    await cancelQueuedOrRunning(runId);
    await revalidateRuns();
    return { ok: true, message: `Run ${runId} was cancelled.`, errors: {}, runId };
  });
}
