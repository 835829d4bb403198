// A worker process for one background job: `node dist/worker-main.cjs <jobId>`, this file bundled by
// `npm run build:node` (scripts/build-node.ts). The job runner (job-runner.ts, worker-command.ts)
// starts one per claimed job, so training never blocks the web server's event loop; the job row is
// the only channel between the two. A queue worker (lib/jobs/queue) starts it the same way.
import { config, isConfigError } from "@/lib/config/env";
import { closeDb } from "@/lib/db/client";
import { runDetectJob } from "./run-detect-job";

/**
 * Started with an IPC channel (launch-job-worker.ts), the worker leaves as soon as its parent is
 * gone, even killed with SIGKILL (the channel closes with it): the parent's job may already be in
 * another worker's hands, and an orphan must not write to it.
 */
function exitWithParent(): void {
  if (!process.send) return;
  process.on("disconnect", () => {
    console.error("Logscope worker: the process that started it is gone; stopping.");
    process.exit(1);
  });
}

async function main(): Promise<number> {
  const jobId = Number(process.argv[2]);
  if (!Number.isSafeInteger(jobId) || jobId < 1) {
    console.error("usage: node dist/worker-main.cjs <jobId>");
    return 2;
  }
  exitWithParent();
  config(); // A bad variable stops the worker before it touches the job, in one sentence (below).
  await runDetectJob(jobId);
  return 0;
}

void main()
  .catch((error: unknown) => {
    if (isConfigError(error)) console.error(`Logscope worker failed: ${error.message}`);
    else console.error("Logscope worker failed:", error);
    return 1;
  })
  .then(async (code) => {
    await closeDb().catch(() => undefined);
    // TensorFlow.js may keep handles open; the job is recorded, so leave now.
    process.exit(code);
  });
