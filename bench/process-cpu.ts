import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU seconds per process from /proc (Linux only): where a bench phase spent the machine's cores.
 * Short-lived processes (a job's worker-main, a PostgreSQL backend per connection) are gone by the
 * time a phase ends, so a component is a process tree: each live member's own time plus the time
 * of its children it has reaped (cutime + cstime). A member that exits moves its seconds into its
 * parent's reaped total, so the sum over the tree is monotone and a delta between two snapshots
 * is what the tree spent in between.
 */

const TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcCpu {
  pid: number;
  ppid: number;
  /** The command name (at most 15 characters). */
  comm: string;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: reaped children's seconds. */
  reaped: number;
}

function readProc(pid: number): ProcCpu | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(f[i] ?? 0);
    // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    return { pid, ppid: n(1), comm, own: (n(11) + n(12)) / TICKS, reaped: (n(13) + n(14)) / TICKS };
  } catch {
    return null; // gone meanwhile
  }
}

/** Every live process, by pid. */
export function processTable(): Map<number, ProcCpu> {
  const table = new Map<number, ProcCpu>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = readProc(Number(entry));
    if (p) table.set(p.pid, p);
  }
  return table;
}

/** The first live process whose command line holds every one of `parts` (e.g. a server and its port). */
export function findProcess(parts: readonly string[]): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (parts.every((part) => argv.includes(part))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** `root` and its live descendants' pids. */
export function treePids(table: Map<number, ProcCpu>, root: number): Set<number> {
  const pids = new Set<number>(table.has(root) ? [root] : []);
  const stack = [...pids];
  while (stack.length > 0) {
    const parent = stack.pop();
    for (const p of table.values()) {
      if (p.ppid !== parent || pids.has(p.pid)) continue;
      pids.add(p.pid);
      stack.push(p.pid);
    }
  }
  return pids;
}

/** Seconds spent so far by `root` and its descendants: own and reaped; `root` itself apart. */
export function treeSeconds(table: Map<number, ProcCpu>, root: number): { root: number; descendants: number } {
  const rootProc = table.get(root);
  if (!rootProc) return { root: 0, descendants: 0 };
  let descendants = rootProc.reaped;
  for (const pid of treePids(table, root)) {
    const p = table.get(pid);
    if (p && pid !== root) descendants += p.own + p.reaped;
  }
  return { root: rootProc.own, descendants };
}

/**
 * The processes outside `mine` that used most CPU between two tables, by command name: who else
 * was using the machine's cores. A process started meanwhile counts whole; one that ended
 * meanwhile counts through the parent that reaped it (an orphan adopted by init is missed).
 */
export function busiestOthers(before: Map<number, ProcCpu>, after: Map<number, ProcCpu>, mine: ReadonlySet<number>, top = 3): { comm: string; seconds: number }[] {
  const byComm = new Map<string, number>();
  const add = (comm: string, seconds: number) => byComm.set(comm, (byComm.get(comm) ?? 0) + seconds);
  for (const p of after.values()) {
    if (mine.has(p.pid)) continue;
    const was = before.get(p.pid);
    // Init (pid 1) reaps orphans with their whole lives: only its own time counts.
    const reaped = (q: ProcCpu | undefined) => (q && q.pid !== 1 ? q.reaped : 0);
    add(p.comm, p.own + reaped(p) - (was ? was.own + reaped(was) : 0));
  }
  // A process that ended meanwhile brought its whole life into its parent's reaped total: take
  // back what it had spent before the first table.
  for (const p of before.values()) {
    const parent = after.get(p.ppid);
    if (after.has(p.pid) || mine.has(p.pid) || !parent || mine.has(parent.pid)) continue;
    add(parent.comm, -(p.own + p.reaped));
  }
  return [...byComm].filter(([, seconds]) => seconds > 0).map(([comm, seconds]) => ({ comm, seconds })).sort((a, b) => b.seconds - a.seconds).slice(0, top);
}

/** The machine's busy and idle CPU seconds so far, summed over its cores (/proc/stat). */
export function machineSeconds(): { busy: number; idle: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq + steal) / TICKS, idle: (idle + iowait) / TICKS };
}

/** Seconds per named component at one moment; subtract two with `cpuDelta`. */
export type CpuSnapshot = Record<string, number>;

export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, seconds - (before[name] ?? 0)]));
}
