// Peak resident set of this process's child processes (the job runner's worker processes), read
// from /proc while they run: a child's rusage is not reported to a Node parent. VmHWM is the
// child's own high-water mark, so sampling it every poll misses only what a child reaches in its
// last poll interval before it exits.
import { readFile, readdir } from "node:fs/promises";

async function childPids(): Promise<number[]> {
  const tasks = await readdir("/proc/self/task").catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => readFile(`/proc/self/task/${t}/children`, "utf8").catch(() => "")));
  return lists.flatMap((list) => list.split(/\s+/).filter(Boolean).map(Number));
}

async function peakKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
}

/** Keeps the largest VmHWM of any child seen by `sample()`, in MiB (0 where /proc is missing). */
export class ChildPeakRss {
  private peak = 0;

  async sample(): Promise<void> {
    for (const pid of await childPids()) this.peak = Math.max(this.peak, await peakKiB(pid));
  }

  get mib(): number {
    return this.peak / 1024;
  }
}
