// The body of the server's compute threads (compute-thread.ts): runs one pure detector call per
// message and posts its result back, typed arrays transferred (not copied). Bundled on its own as
// dist/compute-worker.cjs (scripts/build-node.ts); under tsx it runs from this file.
//
// No `import "server-only"` here, unlike the rest of lib/server: this file runs in a worker thread
// of the Next server process, which runs without node's react-server condition (Next applies it
// only while bundling), so `require("server-only")` would resolve to the throwing module. It
// imports nothing but lib/detectors, which is pure, and nothing from lib/server imports it but
// `import type`.
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { findDbscanNoise } from "@/lib/detectors/dbscan-noise";
import { kDistanceCurve } from "@/lib/detectors/k-distance";
import type { Matrix } from "@/lib/detectors/types";

/** Every kind of work a compute thread does: its input and its output. */
export interface ComputeTasks {
  /** The sorted k-distance curve (lib/detectors/k-distance.ts). */
  "k-distance": { input: { x: Matrix; k: number }; output: { curve: Float64Array } };
  /** DBSCAN's noise labels and core distances (lib/detectors/dbscan.ts findDbscanNoise). */
  "dbscan-noise": { input: { x: Matrix; eps: number; minSamples: number }; output: { labels: Uint8Array; coreDistances: Float64Array } };
}

export type ComputeKind = keyof ComputeTasks;

export type ComputeRequest = { [K in ComputeKind]: { id: number; kind: K; input: ComputeTasks[K]["input"] } }[ComputeKind];

export type ComputeReply = { id: number; ok: true; output: ComputeTasks[ComputeKind]["output"] } | { id: number; ok: false; message: string };

function compute(request: ComputeRequest): ComputeTasks[ComputeKind]["output"] {
  switch (request.kind) {
    case "k-distance":
      return { curve: kDistanceCurve(request.input.x, request.input.k) };
    case "dbscan-noise":
      return findDbscanNoise(request.input.x, { eps: request.input.eps, minSamples: request.input.minSamples });
  }
}

/** The buffers of an output's typed arrays, handed over to the main thread without a copy. */
function buffersOf(output: object): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(output)) if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.push(value.buffer);
  return buffers;
}

const port = parentPort;
if (!port) throw new Error("compute-worker runs only as a compute thread of the server (compute-thread.ts)");

// The lowest CPU priority, for this thread only: on Linux a nice value belongs to a thread and pid
// 0 names the calling one (elsewhere it would be the whole server, so it is left alone). With two
// cores shared by a training job, these threads and the event loop, the loop must win: measured
// with the machine loaded, a 10 ms read on the event loop stretched to 140-230 ms while compute
// threads at the same priority took the cores. Alone, the thread still gets a whole core.
if (process.platform === "linux") {
  try {
    setPriority(19);
  } catch {
    // Not allowed here (a sandbox): the thread runs at the server's priority.
  }
}

port.on("message", (request: ComputeRequest) => {
  let reply: ComputeReply;
  try {
    const output = compute(request);
    reply = { id: request.id, ok: true, output };
    port.postMessage(reply, buffersOf(output));
  } catch (error) {
    // A detector's RangeError and the like: the task fails, the thread stays for the next one.
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
