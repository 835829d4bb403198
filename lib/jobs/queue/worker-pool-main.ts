// `npm run worker`: one queue worker process (dist/worker-pool.cjs, bundled by scripts/build-node.ts)
// on any machine that reaches the database, the storage and the Redis queue (LOGSCOPE_QUEUE_URL).
// It checks all three (and that dist/worker-main.cjs is built) before taking a job and stops with one sentence and exit code 2 when one is
// wrong. SIGTERM or SIGINT: it takes no new job, hands the current one back to the queue, and exits.
import { config, isConfigError } from "@/lib/config/env";
import { closeDb } from "@/lib/db/client";
import { checkSchemaVersion } from "@/lib/db/ensure-database";
import { DatabaseError } from "@/lib/db/errors";
import { findProjectRoot } from "@/lib/jobs/job-config";
import { WORKER_BUNDLE } from "@/lib/jobs/runner/worker-command";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { checkStorage } from "@/lib/storage/open-storage";
import { checkQueue } from "./queue-connection";
import { NO_QUEUE_URL } from "./queue-messages";
import { startQueueWorker } from "./queue-worker";

class Refusal extends Error {}

/**
 * The store answers and its schema is exactly this code's (checkSchemaVersion does not migrate:
 * that is the web server's job, and a worker of another version must not run jobs against it).
 */
async function checkStore(): Promise<void> {
  try {
    await checkSchemaVersion();
  } catch (error) {
    if (error instanceof DatabaseError) throw new Refusal(error.message);
    throw error;
  }
}

async function main(): Promise<number> {
  let settings;
  try {
    settings = config();
  } catch (error) {
    if (isConfigError(error)) throw new Refusal(error.message);
    throw error;
  }
  const url = settings.queueUrl;
  if (url === undefined) throw new Refusal(NO_QUEUE_URL);
  const root = findProjectRoot();
  if (!existsSync(resolve(root, WORKER_BUNDLE))) {
    throw new Refusal(`The job worker (${resolve(root, WORKER_BUNDLE)}) has not been built: run "npm run build" first.`);
  }
  const unreachable = await checkQueue(url);
  if (unreachable) throw new Refusal(unreachable);
  await checkStore();
  // The shared storage (a mounted folder or a bucket): a worker creates no folder, a missing one is a mount that is not there.
  const storage = await checkStorage({ createFolders: false });
  if (storage) throw new Refusal(storage);

  const worker = await startQueueWorker({ url, root, leaseSeconds: settings.jobLeaseSeconds });
  await new Promise<void>((done) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) process.exit(1); // a second signal: leave now, the lease hands the job on
      console.error(`Logscope worker ${worker.name}: ${signal}: stopping.`);
      void worker.stop().finally(done);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  return 0;
}

void main()
  .catch((error: unknown) => {
    if (error instanceof Refusal) {
      console.error(`Logscope worker cannot start: ${error.message}`);
      return 2;
    }
    console.error("Logscope worker failed:", error);
    return 1;
  })
  .then(async (code) => {
    await closeDb().catch(() => undefined);
    process.exit(code);
  });
