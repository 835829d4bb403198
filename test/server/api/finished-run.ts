import { POST as postRun } from "@/app/api/runs/route";
import { storeLinuxLog, waitForRunToFinish } from "../../jobs/job-test-env";
import { postJson } from "./api-test-env";

/**
 * Stores Linux_2k and trains a quick run of it (one epoch, about two seconds) through the API;
 * the job runner must be started. Returns the stored log's and the run's ids.
 */
export async function trainQuickRun(): Promise<{ logFileId: number; runId: number }> {
  const logFileId = await storeLinuxLog();
  // The contract's profile: quick, and its 8 features are what the tests on this run count.
  const response = await postRun(postJson("/api/runs", { profile: "seed", logFileId, year: 2005, epochs: 1 }));
  if (response.status !== 201) throw new Error(`the quick run was refused: ${await response.text()}`);
  const { id } = (await response.json()) as { id: number };
  const view = await waitForRunToFinish(id);
  if (view.status !== "succeeded") throw new Error(`the quick run ${view.status}: ${String(view.error)}`);
  return { logFileId, runId: id };
}
