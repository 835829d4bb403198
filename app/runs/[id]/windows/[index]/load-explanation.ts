import type { LabelSettings } from "@/lib/domain/types";
import type { ExplanationResult } from "@/components/window/why-this-window";
import { toSafeError } from "@/lib/server/http/service-error";
import { explainRunWindow } from "@/lib/server/runs/window-explanation";

/**
 * The window's explanation under the page's thresholds, straight from lib/jobs (the page does not
 * fetch its own API). Never rejects: a failure becomes the sentence the page shows in its place.
 */
export async function loadExplanation(runId: number, index: number, thresholds: Partial<LabelSettings>): Promise<ExplanationResult> {
  try {
    return { ok: true, view: await explainRunWindow(runId, index, thresholds) };
  } catch (error) {
    return { ok: false, message: toSafeError(error, "window explanation").message };
  }
}
