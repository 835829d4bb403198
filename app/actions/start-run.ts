"use server";

import { actionRequestHeaders } from "@/lib/server/http/action-headers";
import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionError, actionOk, type ActionState } from "@/lib/domain/action-state";
import { RUN_STARTS, clientAddress, limiterFor, takeRateLimit } from "@/lib/server/http/rate-limit";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";
import { startRunFromFields } from "@/lib/server/runs/start-run-request";
import { discardLabels, receiveLabelsFile, type ReceivedLabels } from "@/lib/server/uploads/store-labels";
import { receiveUpload, type ReceivedUpload } from "@/lib/server/uploads/store-upload";

const attached = (value: FormDataEntryValue | null): File | null => (value instanceof File && value.size > 0 ? value : null);

/**
 * Queues a run and returns at once with its id. Fields: `logFileId` (or `uploadId`, the same id
 * from POST /api/uploads) and the parameters year, window, eps, minSamples, contamination,
 * aePercentile (those three also "auto"), votes, epochs, seed, features ("seed" or "extended")
 * (empty = default), and optionally a `labels` file (ground truth: window starts or one label per
 * log line; one that cannot be read refuses the run with the reason in `errors.labels`). Large
 * files go through POST /api/uploads first: an action's request body is buffered whole. A small
 * `file` field is accepted as a fallback for forms without JavaScript.
 */
export async function startRun(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  // The same count as POST /api/runs: a run started either way is a run started.
  const key = clientAddress((await actionRequestHeaders()) ?? new Headers());
  const limited = takeRateLimit(RUN_STARTS, key);
  if (limited) return actionError(limited.message);
  const state = await runAction("start run", async () => {
    const fields = formFields(formData);
    const file = attached(formData.get("file"));
    const labelsFile = attached(formData.get("labels"));
    let upload: ReceivedUpload | null = null;
    let labels: ReceivedLabels | null = null;
    if (labelsFile) labels = await receiveLabelsFile(labelsFile.stream(), { originalName: labelsFile.name });
    if (!fields.logFileId?.trim() && !fields.uploadId?.trim() && file) {
      upload = await receiveUpload(file.stream(), { originalName: file.name }).catch(async (error: unknown) => {
        if (labels) await discardLabels(labels);
        throw error;
      });
    }
    const run = await startRunFromFields(fields, { upload, labels });
    await revalidateRuns();
    return actionOk(`Run ${run.id} is queued.`, run.id);
  });
  if (state.status !== "ok") limiterFor(RUN_STARTS).refund(key);
  return state;
}
