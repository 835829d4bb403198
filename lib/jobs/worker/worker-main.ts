// A worker process for one background job: `node --import tsx lib/jobs/worker/worker-main.ts <jobId>`.
// The job runner (job-runner.ts) starts one per claimed job, so training never blocks the web
// server's event loop; the job row is the only channel between the two.
import { closeDb } from "@/lib/db/client";
import { runDetectJob } from "./run-detect-job";

async function main(): Promise<number> {
  const jobId = Number(process.argv[2]);
  if (!Number.isSafeInteger(jobId) || jobId < 1) {
    console.error("usage: worker-main.ts <jobId>");
    return 2;
  }
  await runDetectJob(jobId);
  return 0;
}

main()
  .catch((error: unknown) => {
    console.error("Logscope worker failed:", error);
    return 1;
  })
  .then(async (code) => {
    await closeDb().catch(() => undefined);
    // TensorFlow.js may keep handles open; the job is recorded, so leave now.
    process.exit(code);
  });
