// The body of hashFile's worker thread (hash-file.ts): reads the file named by workerData through
// SHA-256 and posts the hex digest. Bundled on its own as dist/hash-file-worker.cjs.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { fileChunks } from "./file-chunks";
import type { HashTask } from "./hash-file";

const task = workerData as Partial<HashTask> | undefined;
const port = parentPort;
if (!port || typeof task?.path !== "string") throw new Error("hash-file-worker runs only as hashFile's worker thread");

async function digest({ path, bytes }: HashTask): Promise<string> {
  const hash = createHash("sha256");
  let read = 0;
  for await (const chunk of fileChunks(path, 0, bytes ?? Infinity)) {
    hash.update(chunk);
    read += chunk.length;
  }
  if (bytes !== undefined && read < bytes) throw new Error(`the file holds ${read} bytes, fewer than the ${bytes} to hash`);
  return hash.digest("hex");
}

digest({ path: task.path, bytes: task.bytes }).then(
  (hex) => port.postMessage(hex),
  // Thrown here, it reaches hashFile as the worker's "error" event.
  (error: unknown) => {
    setImmediate(() => {
      throw error;
    });
  },
);
