import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { INSTANCE_LOCK_FILE } from "@/lib/ops/instance-lock";

/**
 * Stand-ins for other servers in the instance-lock tests: a live process (a node that sleeps) and
 * the pid of one that has exited, written into DATA_DIR's lock as a server would.
 */

export interface Sleeper {
  pid: number;
  stop: () => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/** A live process that is not this one nor its parent. */
export function startSleeper(): Sleeper {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)"], { stdio: "ignore" });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start a sleeping process");
  return {
    pid,
    stop: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}

/** The pid of a process that has exited: what a server killed with -9 leaves in its lock. */
export async function deadPid(): Promise<number> {
  const sleeper = startSleeper();
  await sleeper.stop();
  return sleeper.pid;
}

/** DATA_DIR's lock naming `pids` (without start times, as where the system does not tell them). */
export function writeLock(dataDir: string, pids: readonly number[]): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, INSTANCE_LOCK_FILE);
  writeFileSync(file, pids.map((pid) => `${pid}\n`).join(""));
  return file;
}
