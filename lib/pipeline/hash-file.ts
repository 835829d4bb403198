import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";

export interface HashWorkerSpec {
  /** The worker thread's module. */
  path: string;
  /** From source: code that loads tsx's require hook and then `path`, run as the thread's entry (eval). */
  code?: string;
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
  const path = join(dirname(self), "hash-file-worker.ts");
  // Named in the thread's code, not resolved here: a require.resolve("tsx/cjs") in this file pulls tsx
  // and esbuild into Next's server bundle, which reaches it through lib/live (compute-thread.ts).
  const hook = `require.resolve("tsx/cjs", { paths: [${JSON.stringify(dirname(self))}] })`;
  return { path, code: `require(${hook});\nrequire(${JSON.stringify(path)});\n` };
}

/** What the hashing thread is given. */
export interface HashTask {
  path: string;
  /** Hash only the first `bytes` (what was parsed, though the file grew since); fewer is an error. */
  bytes?: number;
}

/**
 * SHA-256 of a file (hex) computed on a worker thread: hashing a large log on the main thread cost
 * about a third of the parse time. runDetection starts it in training, once DBSCAN's thread has
 * ended and left its core free, and only saving waits for it (read-log-file.ts, train-detectors.ts
 * and the README's ninth session have the measurements).
 */
export function hashFile(path: string, bytes?: number): Promise<string> {
  const workerData: HashTask = bytes === undefined ? { path } : { path, bytes };
  return new Promise((resolve, reject) => {
    const spec = hashWorkerSpec();
    const worker = spec.code === undefined ? new Worker(spec.path, { workerData }) : new Worker(spec.code, { eval: true, execArgv: [], workerData });
    worker.once("message", (digest: string) => resolve(digest));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`hash worker exited with code ${code}`));
    });
  });
}
