import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { GET as listRunsRoute } from "@/app/api/runs/route";
import { GET as kDistanceRoute } from "@/app/api/runs/[id]/k-distance/route";
import { GET as seriesRoute } from "@/app/api/runs/[id]/series/route";
import { GET as windowsRoute } from "@/app/api/runs/[id]/windows/route";
import { getRunScores } from "@/lib/db/get-run-scores";
import { findKnee, kDistanceCurve } from "@/lib/detectors/k-distance";
import { MAX_K_DISTANCE_MIN_SAMPLES } from "@/lib/detectors/k-distance-limit";
import { decimate } from "@/lib/server/runs/k-distance-curve";
import { useTempDatabase } from "../../db/temp-database";
import { get, json, routeParams } from "./api-test-env";
import { seedScoredRun } from "./scored-run";

// Issue #13: no request blocks the event loop for more than 100 ms. A run of a few thousand
// windows stored directly (no training: the test stays well under 30 s), then the heavy GETs.
const WINDOWS = 4000;
const db = useTempDatabase("logscope-heavy-");
after(db.cleanup);

let runId = 0;
let bigOwnRunId = 0;
before(async () => {
  runId = await seedScoredRun(WINDOWS);
  bigOwnRunId = await seedScoredRun(50, { seed: 8, minSamples: 2000 });
  // A server that has answered before: the first database query of a process sets Prisma up
  // (measured: 96 ms on the event loop, once), which is start-up, not a request's work.
  await listRunsRoute(get("/api/runs"));
});

const id = (value: number) => routeParams({ id: String(value) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("minSamples above the limit is refused with 400 and one sentence, before the run is read", async () => {
  for (const run of [runId, 999]) {
    const response = await kDistanceRoute(get(`/api/runs/${run}/k-distance?minSamples=${MAX_K_DISTANCE_MIN_SAMPLES + 1}`), id(run));
    assert.equal(response.status, 400);
    assert.deepEqual(await json(response), {
      error: "Min samples must be at most 1000 for the k-distance curve.",
      errors: { minSamples: "min samples must be at most 1000 for the k-distance curve" },
    });
  }
  // A run trained with min samples above the limit: its own curve is refused, a smaller one drawn.
  const own = await kDistanceRoute(get(`/api/runs/${bigOwnRunId}/k-distance`), id(bigOwnRunId));
  assert.equal(own.status, 400);
  assert.equal((await json(own)).error, "Min samples must be given for this run's k-distance curve, at most 1000: its own (2000) is above that.");
  assert.equal((await kDistanceRoute(get(`/api/runs/${bigOwnRunId}/k-distance?minSamples=60`), id(bigOwnRunId))).status, 200);
});

test("heavy routes leave the event loop free: max delay under 100 ms, GET /api/runs answering throughout", async (t) => {
  // reset() forgets the last sample's time, so a block right after it would go unrecorded: the
  // histogram is enabled and given a few ticks before the requests start (measured: a 500 ms busy
  // loop straight after reset() shows as a 10 ms maximum).
  // The machine's own share first: an idle second's worst delay is what the OS scheduler adds on a
  // loaded machine (two test runs at once on 2 cores measured 117 ms with nothing blocking), so the
  // limit is 100 ms beyond it; a route that blocks still shows hundreds of ms on top.
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await sleep(1000);
  idle.disable();
  const schedulerMs = idle.max / 1e6;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await sleep(50);
  const timed = async (call: () => Promise<Response>) => {
    const started = performance.now();
    const response = await call();
    const body = await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, body };
  };
  const heavy = Promise.all([
    // The largest allowed k twice (two curves on one lane, one after the other) and k = 5.
    timed(() => kDistanceRoute(get(`/api/runs/${runId}/k-distance?minSamples=${MAX_K_DISTANCE_MIN_SAMPLES}`), id(runId))),
    timed(() => kDistanceRoute(get(`/api/runs/${runId}/k-distance?minSamples=${MAX_K_DISTANCE_MIN_SAMPLES - 1}`), id(runId))),
    timed(() => kDistanceRoute(get(`/api/runs/${runId}/k-distance`), id(runId))),
    // DBSCAN refits under other thresholds (the run page's sliders, the windows table).
    timed(() => seriesRoute(get(`/api/runs/${runId}/series?part=dbscan&eps=2&minSamples=10000`), id(runId))),
    timed(() => seriesRoute(get(`/api/runs/${runId}/series?part=dbscan&eps=0.7&minSamples=5`), id(runId))),
    timed(() => windowsRoute(get(`/api/runs/${runId}/windows?eps=0.9&filter=dbscan&sort=dbscanDistance`), id(runId))),
  ]);
  let done = false;
  void heavy.finally(() => (done = true));
  const listTimes: number[] = [];
  while (!done) {
    const list = await timed(() => listRunsRoute(get("/api/runs")));
    assert.equal(list.status, 200);
    listTimes.push(list.ms);
    await sleep(20);
  }
  const results = await heavy;
  await sleep(30);
  delay.disable();
  const maxDelayMs = delay.max / 1e6;
  const slowest = Math.max(...results.map((r) => r.ms));
  t.diagnostic(`${WINDOWS} windows: heavy requests took up to ${slowest.toFixed(0)} ms; event loop max delay ${maxDelayMs.toFixed(1)} ms (idle ${schedulerMs.toFixed(1)} ms); ` +
    `GET /api/runs ${listTimes.length} times, slowest ${Math.max(...listTimes).toFixed(1)} ms`);
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
  // The work is real: on the event loop it would have held the server for this long.
  assert.ok(slowest > 100, `the heavy requests took only ${slowest} ms`);
  assert.ok(maxDelayMs < 100 + schedulerMs, `the event loop was blocked for ${maxDelayMs} ms (idle worst ${schedulerMs} ms)`);
});

test("the curve computed on the compute thread is the one computed in place", async () => {
  const scores = await getRunScores(runId);
  assert.ok(scores);
  const curve = kDistanceCurve(scores.scaled, MAX_K_DISTANCE_MIN_SAMPLES);
  const knee = findKnee(curve);
  const body = await json(await kDistanceRoute(get(`/api/runs/${runId}/k-distance?minSamples=${MAX_K_DISTANCE_MIN_SAMPLES}`), id(runId)));
  assert.deepEqual(body.knee, { index: knee, distance: curve[knee] });
  assert.deepEqual(body.points, decimate(curve));
  assert.equal(body.windows, WINDOWS);
});
