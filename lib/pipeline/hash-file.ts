import { Worker } from "node:worker_threads";

// Plain CommonJS run by the worker itself (eval), so it needs no build step or bundler support.
const HASH_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const hash = createHash("sha256");
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on("data", (chunk) => hash.update(chunk))
  .on("end", () => parentPort.postMessage(hash.digest("hex")))
  .on("error", (error) => { throw error; });
`;

/**
 * SHA-256 of a file (hex) computed on a worker thread: hashing a large log on the main thread cost
 * about a third of the parse time, and the machine's second core is otherwise idle while parsing.
 */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: path });
    worker.once("message", (digest: string) => resolve(digest));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`hash worker exited with code ${code}`));
    });
  });
}
