"use server";

import { authorizeAction } from "@/lib/server/auth/authorize-action";
import { requireId } from "@/lib/server/http/route-params";
import { toSafeError } from "@/lib/server/http/service-error";
import { truthLabelsFile, type TruthLabelsFile } from "@/lib/server/runs/run-labels";

export type FeedbackLabelsResult = { status: "ok"; labels: TruthLabelsFile | null } | { status: "error"; message: string };

/**
 * A run's ground truth (its labels file and the analyst's marks) as a window-starts labels file, for
 * the New run form to send with a re-run of the same log. `labels` is null when the run has none.
 */
export async function feedbackLabels(runId: number): Promise<FeedbackLabelsResult> {
  // Before anything is read: a POST with a body can reach an action without the middleware.
  const refused = await authorizeAction();
  if (refused) return { status: "error", message: refused.status === "error" ? refused.message : "Not allowed." };
  try {
    return { status: "ok", labels: await truthLabelsFile(requireId(runId)) };
  } catch (error) {
    return { status: "error", message: toSafeError(error, "read labels for a re-run").message };
  }
}
