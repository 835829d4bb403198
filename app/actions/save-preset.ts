"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { actionOk, type ActionState } from "@/lib/domain/action-state";
import { quoteInput } from "@/lib/domain/quote-input";
import { parseThresholdFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { formFields, revalidateRuns, runAction } from "@/lib/server/http/run-action";
import { parsePresetName, saveRunPreset } from "@/lib/server/runs/run-presets";

/**
 * Saves a named threshold set for a finished run. Fields: runId, name, and any of eps,
 * minSamples, contamination, aePercentile, votes (empty = the run's own). The run's stored labels
 * stay as trained.
 */
export async function savePreset(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return refused;
  return runAction("save preset", async () => {
    const fields = formFields(formData);
    const runId = requireId(fields.runId);
    const name = parsePresetName(fields.name);
    const preset = await saveRunPreset(runId, name, parseThresholdFields(fields));
    await revalidateRuns();
    return actionOk(`Saved the preset ${quoteInput(preset.name)}.`, runId);
  });
}
