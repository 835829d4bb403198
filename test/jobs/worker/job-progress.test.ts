import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createJob } from "@/lib/db/create-job";
import { getJob } from "@/lib/db/get-job";
import { updateJob } from "@/lib/db/update-job";
import { JobProgress, describeEvent } from "@/lib/jobs/worker/job-progress";
import { useTempDatabase } from "../../db/temp-database";

const db = useTempDatabase("logscope-progress-");
after(db.cleanup);

test("a job's progress never goes back, though an extended run trains its forest after the autoencoder's epochs", async () => {
  const job = await createJob({ kind: "detect" });
  await updateJob(job.id, { status: "running" });
  const progress = new JobProgress(job.id, { minIntervalMs: 0 });
  const lastEpoch = describeEvent({ kind: "epoch", epoch: 40, epochs: 40, loss: 0.1 });
  const forest = describeEvent({ kind: "stage", stage: "isolationForest", fraction: 0, message: "Training Isolation Forest on the 90 windows the autoencoder reconstructs best" });
  assert.ok(forest.progress < lastEpoch.progress, "the forest's stage starts earlier on the bar than the last epoch");

  progress.report(lastEpoch.progress, lastEpoch.message);
  await progress.flush();
  progress.report(forest.progress, forest.message);
  await progress.flush();
  const stored = await getJob(job.id);
  assert.equal(stored?.progress, lastEpoch.progress);
  assert.equal(stored?.message, forest.message, "the message still says what is happening");
});
