import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";

export interface HashWorkerSpec {
  /** The worker thread's module. */
  path: string;
  /** Node options for the thread; unset, it inherits the process's. */
  execArgv?: string[];
}

/**
 * How to start the hashing thread from the module at `self` (this file, or the bundle it was
 * inlined into). Bundled (dist/*.cjs, scripts/build-node.ts) the thread runs
 * dist/hash-file-worker.cjs beside the bundle. From source under tsx (tests, bench) it runs
 * hash-file-worker.ts, given tsx's require hook: on Node 20 tsx installs its hooks in the main thread
 * only, and the inherited `--import tsx` would send the .ts entry to Node's ESM loader without them.
 */
export function hashWorkerSpec(self: string = __filename): HashWorkerSpec {
  if (!self.endsWith(".ts")) return { path: join(dirname(self), "hash-file-worker.cjs") };
  return { path: join(dirname(self), "hash-file-worker.ts"), execArgv: ["--require", require.resolve("tsx/cjs")] };
}

/**
 * SHA-256 of a file (hex) computed on a worker thread: hashing a large log on the main thread cost
 * about a third of the parse time, and the machine's second core is otherwise idle while parsing.
 */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const spec = hashWorkerSpec();
    const worker = new Worker(spec.path, { execArgv: spec.execArgv, workerData: path });
    worker.once("message", (digest: string) => resolve(digest));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`hash worker exited with code ${code}`));
    });
  });
}
