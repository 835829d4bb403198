import "server-only";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { findProjectRoot } from "@/lib/jobs/job-config";
import { ServiceError } from "@/lib/server/http/service-error";
import type { ComputeKind, ComputeReply, ComputeRequest, ComputeTasks } from "./compute-worker";

/**
 * Heavy detector calls of GET routes, off the event loop. Measured on a 10k-window run before this
 * existed: a k-distance curve blocked the server 0.4 s (k = 5) to 17 s (k = 10000), a DBSCAN
 * refit 0.25 s (eps 0.7) to 2.6 s (eps 2, min samples 10000), and every other request waited.
 *
 * One lane per kind, each with one worker thread (compute-worker.ts) taking its tasks in order:
 * the machine has 2 cores and a training job keeps one busy, so running heavy requests side by
 * side would only take CPU from the event loop; separate lanes keep a slider's DBSCAN refit from
 * waiting behind a slow curve. Identical tasks (same key) share one computation; a task nobody
 * waits for any more is dropped, or its thread terminated when it is running (a slider moved on).
 */

export interface ComputeThreadSpec {
  /** The thread's module. */
  path: string;
  /** When set, the thread runs this code instead, which loads `path` (from source under tsx). */
  code?: string;
  /** Node options for the thread; unset, it inherits the process's. */
  execArgv?: string[];
}

export const COMPUTE_WORKER_BUNDLE = join("dist", "compute-worker.cjs");

/**
 * How to start a compute thread from the module at `self`. Compiled by Next, `self` is a chunk
 * under .next/ whose folder means nothing, so the bundle is taken from the project root's dist/
 * (job-config.ts), where the job worker's is. From source under tsx (tests, bench) the thread
 * loads tsx's require hook itself and then compute-worker.ts: on Node 20 tsx hooks the main thread
 * only (lib/pipeline/hash-file.ts), and the hook is named in the thread's code, not required here,
 * because a `require.resolve("tsx/cjs")` in this file pulls tsx and esbuild into Next's server
 * bundle, which then fails to build (tried: "Module parse failed" on esbuild's main.d.ts).
 */
export function computeThreadSpec(self: string = __filename, root?: string): ComputeThreadSpec {
  if (!self.endsWith(".ts")) return { path: join(root ?? findProjectRoot(), COMPUTE_WORKER_BUNDLE) };
  const path = join(dirname(self), "compute-worker.ts");
  const hook = `require.resolve("tsx/cjs", { paths: [${JSON.stringify(dirname(self))}] })`;
  return { path, code: `require(${hook});\nrequire(${JSON.stringify(path)});\n`, execArgv: [] };
}

/** The rejection of a caller that aborted: nobody reads it (the client is gone), and it is not a server failure. */
export const abortedComputation = () => new ServiceError(499, "The request was aborted before its computation finished.");

type Output = ComputeTasks[ComputeKind]["output"];

interface Waiter {
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

interface Task {
  id: number;
  key: string;
  request: ComputeRequest;
  waiters: Set<Waiter>;
}

let nextTaskId = 1;

/** One worker thread and its queue. */
export class ComputeLane {
  private worker: Worker | null = null;
  private running: Task | null = null;
  private readonly queue: Task[] = [];
  private readonly tasks = new Map<string, Task>();

  /** `busy` is the sentence of the 503 given when `maxQueued` tasks already wait. */
  constructor(
    private readonly maxQueued: number,
    private readonly busy: string,
    private readonly spec: () => ComputeThreadSpec = () => computeThreadSpec(),
  ) {}

  /** Tasks waiting (not counting the running one). */
  get queued(): number {
    return this.queue.length;
  }

  run<K extends ComputeKind>(key: string, kind: K, input: ComputeTasks[K]["input"], signal?: AbortSignal): Promise<ComputeTasks[K]["output"]> {
    if (signal?.aborted) return Promise.reject(abortedComputation());
    let task = this.tasks.get(key);
    if (!task) {
      if (this.queue.length >= this.maxQueued) return Promise.reject(new ServiceError(503, this.busy));
      const id = nextTaskId++;
      // The union's members pair each kind with its own input; TypeScript cannot see it through K.
      task = { id, key, request: { id, kind, input } as ComputeRequest, waiters: new Set() };
      this.tasks.set(key, task);
      this.queue.push(task);
    }
    const mine = task;
    const result = new Promise<Output>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      mine.waiters.add(waiter);
      signal?.addEventListener("abort", () => {
        if (!mine.waiters.delete(waiter)) return;
        reject(abortedComputation());
        if (mine.waiters.size === 0) this.cancel(mine);
      }, { once: true });
    });
    this.pump();
    return result;
  }

  private cancel(task: Task): void {
    this.tasks.delete(task.key);
    const at = this.queue.indexOf(task);
    if (at >= 0) {
      this.queue.splice(at, 1);
      return;
    }
    if (this.running !== task) return;
    // A synchronous detector loop cannot be interrupted: the thread goes, the next task starts a new one.
    this.running = null;
    void this.worker?.terminate();
    this.worker = null;
    this.pump();
  }

  private settle(task: Task, outcome: { output: Output } | { error: unknown }): void {
    if (this.running === task) this.running = null;
    if (this.tasks.get(task.key) === task) this.tasks.delete(task.key);
    for (const waiter of task.waiters) {
      if ("output" in outcome) waiter.resolve(outcome.output);
      else waiter.reject(outcome.error);
    }
    task.waiters.clear();
    this.worker?.unref();
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    const task = this.queue.shift();
    if (!task) return;
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      this.settle(task, { error });
      return;
    }
    this.running = task;
    // Referenced only while it works: an idle thread must not keep a test or a CLI process alive.
    worker.ref();
    worker.postMessage(task.request);
  }

  private start(): Worker {
    const spec = this.spec();
    if (!existsSync(spec.path)) {
      throw new ServiceError(500, `The compute thread (${COMPUTE_WORKER_BUNDLE}) has not been built: run "npm run build" first.`);
    }
    const worker = spec.code === undefined ? new Worker(spec.path, { execArgv: spec.execArgv }) : new Worker(spec.code, { eval: true, execArgv: spec.execArgv });
    const mine = () => this.worker === worker;
    worker.on("message", (reply: ComputeReply) => {
      const task = this.running;
      if (!mine() || !task || task.id !== reply.id) return;
      this.settle(task, reply.ok ? { output: reply.output } : { error: new Error(`compute thread: ${reply.message}`) });
    });
    // An uncaught error or an exit (out of memory, a crash) fails the running task; the next starts a new thread.
    const lost = (error: Error) => {
      if (!mine()) return;
      this.worker = null;
      const task = this.running;
      if (task) this.settle(task, { error });
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`compute thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** Caps on waiting tasks: each k-distance task is up to ~5 s per 10k windows (k <= 1000), a refit up to ~2.6 s. */
const LANES: Record<ComputeKind, { maxQueued: number; busy: string }> = {
  "k-distance": { maxQueued: 8, busy: "The server is busy computing other k-distance curves; try again in a few seconds." },
  "dbscan-noise": { maxQueued: 16, busy: "The server is busy refitting DBSCAN for other requests; try again in a few seconds." },
};

// Per server process, like relabel-run's caches (a dev server may load this module more than once).
const globalForLanes = globalThis as typeof globalThis & { logscopeComputeLanes?: Map<ComputeKind, ComputeLane> };
const lanes = (globalForLanes.logscopeComputeLanes ??= new Map<ComputeKind, ComputeLane>());

export function computeLane(kind: ComputeKind): ComputeLane {
  let lane = lanes.get(kind);
  if (!lane) {
    lane = new ComputeLane(LANES[kind].maxQueued, LANES[kind].busy);
    lanes.set(kind, lane);
  }
  return lane;
}

/** Runs `kind` on its lane's thread; `key` names the task (run and parameters) so identical ones are shared. */
export function compute<K extends ComputeKind>(kind: K, key: string, input: ComputeTasks[K]["input"], signal?: AbortSignal): Promise<ComputeTasks[K]["output"]> {
  return computeLane(kind).run(key, kind, input, signal);
}
