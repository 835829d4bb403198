import { readFileSync, unlinkSync } from "node:fs";
import { appendFile, mkdir, open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * One job-running Logscope server per DATA_DIR. The job runner fails every job it finds running at
 * its start (their worker died with the previous server); that is only true when no other server
 * works the same queue, so the process that runs jobs holds `DATA_DIR/logscope.lock` first.
 *
 * The file lists its holders, one `<pid> <start time>` line each: `npm start` (scripts/start.ts)
 * creates it, and the `next start` process it spawns, whose job runner does the recovery, adds
 * itself, so a server whose start.ts was killed with -9 (its `next start` goes on serving) still
 * holds it. The lock is live while any holder is; a lock whose holders all died (kill -9, a crash,
 * a container restart) is stale and taken over.
 */

export const INSTANCE_LOCK_FILE = "logscope.lock";

/** A process, and when it started where the system tells (Linux); a pid alone may be reused. */
export interface LockHolder {
  pid: number;
  started?: string;
}

/** What the lock asks of the system; tests pass their own pids and liveness. */
export interface LockSystem {
  self: LockHolder;
  /** True while `holder` is still the process that wrote the line. */
  isAlive(holder: LockHolder): boolean;
}

export interface InstanceLock {
  readonly file: string;
  /** Removes the file unless another holder is alive; safe to call twice, and from an `exit` handler. */
  release(): void;
}

export type LockOutcome = { lock: InstanceLock } | { heldBy: LockHolder };

export interface AcquireOptions {
  /** Pids whose live lock this process shares instead of being refused (the `npm start` that spawned it). */
  sharedWith?: readonly number[];
  system?: LockSystem;
}

/** Fields 3 (state) and 22 (start time, in clock ticks from boot) of /proc/<pid>/stat; undefined off Linux. */
function procStat(pid: number): { state: string; started: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", started: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A container restarted after a crash gives its processes the same small pids again, so a pid
 * alone could name an unrelated live process; the start time tells them apart where it is known.
 * A zombie (exited, not yet reaped: a container's first process may never reap orphans) is dead.
 */
export const systemLock = (): LockSystem => ({
  self: { pid: process.pid, started: procStat(process.pid)?.started },
  isAlive: (holder) => {
    if (!pidExists(holder.pid)) return false;
    const stat = procStat(holder.pid);
    if (!stat) return true;
    return stat.state !== "Z" && stat.state !== "X" && (holder.started === undefined || stat.started === holder.started);
  },
});

const line = (holder: LockHolder) => `${holder.pid}${holder.started === undefined ? "" : ` ${holder.started}`}\n`;

/** The complete lines of a lock file; a line still being written (no newline yet) does not count. */
export function parseHolders(text: string): LockHolder[] {
  const holders: LockHolder[] = [];
  for (const match of text.matchAll(/^(\d+)(?: (\d+))?\n/gm)) {
    holders.push(match[2] === undefined ? { pid: Number(match[1]) } : { pid: Number(match[1]), started: match[2] });
  }
  return holders;
}

/** Holders other than this process that are still alive (this process's own pid, reused or not, never counts). */
function liveOthers(holders: LockHolder[], system: LockSystem): LockHolder[] {
  return holders.filter((holder) => holder.pid !== system.self.pid && system.isAlive(holder));
}

const readText = (file: string) => readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : Promise.reject(error)));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lockAt(file: string, system: LockSystem): InstanceLock {
  let released = false;
  return {
    file,
    release: () => {
      if (released) return;
      released = true;
      try {
        const holders = parseHolders(readFileSync(file, "utf8"));
        // Not ours any more (taken over), or shared with a holder that goes on: leave it.
        if (!holders.some((holder) => holder.pid === system.self.pid) || liveOthers(holders, system).length > 0) return;
        unlinkSync(file);
      } catch {
        // Already gone, or DATA_DIR went away: nothing is left to release.
      }
    },
  };
}

/**
 * Takes DATA_DIR's lock for this process (creating DATA_DIR if needed), or names the live process
 * holding it. File system errors (an unwritable DATA_DIR) are thrown as they are.
 */
export async function acquireInstanceLock(dataDir: string, options: AcquireOptions = {}): Promise<LockOutcome> {
  const system = options.system ?? systemLock();
  const file = join(dataDir, INSTANCE_LOCK_FILE);
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: of two servers starting at once, one wins.
      const handle = await open(file, "wx");
      await handle.writeFile(line(system.self)).finally(() => handle.close());
      return { lock: lockAt(file, system) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const text = await readText(file);
    if (text === null) continue;
    const holders = parseHolders(text);
    if (holders.length === 0 && attempt < 5) {
      // Created a moment ago, its line not written yet.
      await pause(20);
      continue;
    }
    const alive = liveOthers(holders, system);
    const partner = alive.find((holder) => options.sharedWith?.includes(holder.pid));
    if (partner) {
      await appendFile(file, line(system.self));
      return { lock: lockAt(file, system) };
    }
    const first = alive[0];
    if (first) return { heldBy: first };
    // Stale. Removed only while it still reads as it did, so a server that took it over meanwhile keeps it.
    if ((await readText(file)) === text) await unlink(file).catch(() => undefined);
  }
  throw new Error(`could not take ${file}: other processes kept replacing it`);
}

/** Releases the lock when the process exits, however it exits short of being killed; returns the undo. */
export function releaseAtExit(lock: InstanceLock): () => void {
  const release = () => lock.release();
  process.once("exit", release);
  return () => process.removeListener("exit", release);
}

/** What `npm start` says when the lock is held. */
export function anotherServerSentence(pid: number, dataDir: string): string {
  return `Another Logscope server (pid ${pid}) is using ${dataDir}; stop it, or start this one with another DATA_DIR or with LOGSCOPE_JOB_RUNNER=off.`;
}

/** What a job runner started without `npm start` (next start, next dev) says when the lock is held. */
export function jobsLeftToSentence(pid: number, dataDir: string): string {
  return `Logscope runs no jobs in this process: another Logscope server (pid ${pid}) is using ${dataDir} and runs them; stop it, then restart this one to run jobs here.`;
}
