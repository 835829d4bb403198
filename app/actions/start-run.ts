"use server";

import type { ActionState } from "@/lib/jobs/action-state";
import { formFields, revalidateRuns, runAction } from "@/lib/jobs/run-action";
import { startRunFromFields } from "@/lib/jobs/start-run-request";
import { receiveUpload, type ReceivedUpload } from "@/lib/jobs/store-upload";

/**
 * Queues a run and returns at once with its id. Fields: `logFileId` (or `uploadId`, the same id
 * from POST /api/uploads) and the parameters year, window, eps ("auto" allowed), minSamples,
 * contamination, aePercentile, votes, epochs, seed (empty = default). Large files go through
 * POST /api/uploads first: an action's request body is buffered whole. A small `file` field is
 * accepted as a fallback for forms without JavaScript.
 */
export async function startRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction("start run", async () => {
    const fields = formFields(formData);
    const file = formData.get("file");
    let upload: ReceivedUpload | null = null;
    if (!fields.logFileId?.trim() && !fields.uploadId?.trim() && file instanceof File && file.size > 0) {
      upload = await receiveUpload(file.stream(), { originalName: file.name });
    }
    const run = await startRunFromFields(fields, upload);
    await revalidateRuns();
    return { ok: true, message: `Run ${run.id} is queued.`, errors: {}, runId: run.id };
  });
}
