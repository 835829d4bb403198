// The body of hashFile's worker thread (hash-file.ts): reads the file named by workerData through
// SHA-256 and posts the hex digest. Bundled on its own as dist/hash-file-worker.cjs.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { fileChunks } from "./file-chunks";

const path: unknown = workerData;
const port = parentPort;
if (!port || typeof path !== "string") throw new Error("hash-file-worker runs only as hashFile's worker thread");

async function digest(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fileChunks(file)) hash.update(chunk);
  return hash.digest("hex");
}

digest(path).then(
  (hex) => port.postMessage(hex),
  // Thrown here, it reaches hashFile as the worker's "error" event.
  (error: unknown) => {
    setImmediate(() => {
      throw error;
    });
  },
);
