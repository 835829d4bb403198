import { resolveDataDir } from "@/lib/db/database-location";
import { acquireInstanceLock, jobsLeftToSentence, releaseAtExit } from "@/lib/ops/instance-lock";

/**
 * The job runner's claim on DATA_DIR's queue (lib/ops/instance-lock.ts), taken before it fails
 * the jobs it finds running. Under `npm start` the lock is already held by scripts/start.ts, the
 * parent of this `next start` process, and this process joins it; a runner started otherwise
 * (`next start`, `next dev`, tests) takes it itself, or learns which live server has it.
 */
export type QueueHold = { release(): void } | { refusal: string };

export async function holdQueue(): Promise<QueueHold> {
  const dataDir = resolveDataDir();
  const outcome = await acquireInstanceLock(dataDir, { sharedWith: [process.ppid] });
  if ("heldBy" in outcome) return { refusal: jobsLeftToSentence(outcome.heldBy.pid, dataDir) };
  const { lock } = outcome;
  const forget = releaseAtExit(lock);
  return {
    release: () => {
      forget();
      lock.release();
    },
  };
}
