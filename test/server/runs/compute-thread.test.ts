import { test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { findDbscanNoise } from "@/lib/detectors/dbscan-noise";
import { kDistanceCurve } from "@/lib/detectors/k-distance";
import { Random } from "@/lib/detectors/random";
import type { Matrix } from "@/lib/detectors/types";
import { ServiceError } from "@/lib/server/http/service-error";
import { compute, computeThreadSpec, ComputeLane } from "@/lib/server/runs/compute-thread";
import type { ComputeReply } from "@/lib/server/runs/compute-worker";

function randomMatrix(rows: number, cols: number, seed = 3): Matrix {
  const random = new Random(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => random.nextGaussian()) };
}

// About 3 s of one thread here (k-distance with k = 1000 on 6000 rows): long enough to be cancelled.
const slow = () => ({ x: randomMatrix(6000, 8), k: 1000 });
const small = randomMatrix(300, 4, 5);

const statusOf = (error: unknown) => (error instanceof ServiceError ? error.status : error);

test("under tsx a compute thread loads tsx's require hook, then compute-worker.ts; compiled, the bundle in dist/", () => {
  const spec = computeThreadSpec();
  const path = resolve("lib/server/runs/compute-worker.ts");
  assert.equal(spec.path, path);
  assert.equal(spec.code, `require(require.resolve("tsx/cjs", { paths: [${JSON.stringify(resolve("lib/server/runs"))}] }));\nrequire(${JSON.stringify(path)});\n`);
  assert.deepEqual(spec.execArgv, []);
  // A chunk Next compiled: its own folder means nothing, the project root's dist/ is where the bundle is.
  assert.deepEqual(computeThreadSpec("/srv/logscope/.next/server/chunks/612.js", "/srv/logscope"), { path: "/srv/logscope/dist/compute-worker.cjs" });
});

test("a compute thread gives the detectors' own answers", async () => {
  const { curve } = await compute("k-distance", "test|small|5", { x: small, k: 5 });
  assert.deepEqual(curve, kDistanceCurve(small, 5));
  const noise = await compute("dbscan-noise", "test|small|0.8|4", { x: small, eps: 0.8, minSamples: 4 });
  assert.deepEqual(noise, findDbscanNoise(small, { eps: 0.8, minSamples: 4 }));
  // A detector's refusal fails the task, not the thread.
  await assert.rejects(compute("k-distance", "test|small|0", { x: small, k: 0 }), /compute thread: k must be a positive integer/);
  assert.deepEqual((await compute("k-distance", "test|small|2", { x: small, k: 2 })).curve, kDistanceCurve(small, 2));
});

test("requests for the same key share one computation", async () => {
  const lane = new ComputeLane(4, "busy");
  const [a, b] = await Promise.all([lane.run("same", "k-distance", { x: small, k: 3 }), lane.run("same", "k-distance", { x: small, k: 3 })]);
  assert.equal(a, b);
});

test("a task nobody waits for is dropped from the queue, and a running one's thread is replaced", async () => {
  const lane = new ComputeLane(4, "busy");
  const first = new AbortController();
  const second = new AbortController();
  const running = lane.run("slow", "k-distance", slow(), first.signal);
  const queued = lane.run("slow-2", "k-distance", slow(), second.signal);
  assert.equal(lane.queued, 1);
  second.abort();
  assert.equal(await queued.catch(statusOf), 499);
  assert.equal(lane.queued, 0);
  await new Promise((done) => setTimeout(done, 200));
  const started = performance.now();
  first.abort();
  assert.equal(await running.catch(statusOf), 499);
  // The next task does not wait for the abandoned computation (seconds) to finish.
  assert.deepEqual((await lane.run("after", "k-distance", { x: small, k: 4 })).curve, kDistanceCurve(small, 4));
  assert.ok(performance.now() - started < 1500, `the next task waited ${performance.now() - started} ms`);
  // One waiter of two going away leaves the task to the other.
  const leaving = new AbortController();
  const stays = lane.run("shared", "k-distance", { x: small, k: 6 });
  const goes = lane.run("shared", "k-distance", { x: small, k: 6 }, leaving.signal);
  leaving.abort();
  assert.equal(await goes.catch(statusOf), 499);
  assert.deepEqual((await stays).curve, kDistanceCurve(small, 6));
});

test("a full queue answers 503 with the lane's sentence; a missing bundle is a 500 that says to build", async () => {
  const lane = new ComputeLane(1, "The server is busy; try again in a few seconds.");
  const controller = new AbortController();
  const running = lane.run("a", "k-distance", slow(), controller.signal);
  const waiting = lane.run("b", "k-distance", slow(), controller.signal);
  await assert.rejects(lane.run("c", "k-distance", slow()), { status: 503, message: "The server is busy; try again in a few seconds." });
  controller.abort();
  assert.deepEqual(await Promise.all([running.catch(statusOf), waiting.catch(statusOf)]), [499, 499]);

  const unbuilt = new ComputeLane(1, "busy", () => ({ path: join(resolve("dist"), "no-such-worker.cjs") }));
  await assert.rejects(unbuilt.run("a", "k-distance", { x: small, k: 2 }), {
    status: 500,
    message: 'The compute thread (dist/compute-worker.cjs) has not been built: run "npm run build" first.',
  });
});

test("the bundled compute thread (npm run build:node) answers a k-distance task", async () => {
  const worker = new Worker(resolve("dist/compute-worker.cjs"));
  try {
    const reply = await new Promise<ComputeReply>((done, reject) => {
      worker.once("message", done);
      worker.once("error", reject);
      worker.postMessage({ id: 7, kind: "k-distance", input: { x: small, k: 5 } });
    });
    assert.deepEqual(reply, { id: 7, ok: true, output: { curve: kDistanceCurve(small, 5) } });
  } finally {
    await worker.terminate();
  }
});
