import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";
import { chooseEpsSetting } from "../../lib/pipeline/choose-thresholds";
import { clusterOnThread, DBSCAN_THREAD_MIN_ROWS, sharedMatrix } from "../../lib/pipeline/dbscan-thread";
import { fitDbscan } from "../../lib/pipeline/train-phases";

/** Three Gaussian blobs in 4 dimensions and a sprinkle of far points: `rows` rows, every 50th far out. */
function blobs(rows: number, seed: number): Matrix {
  const random = new Random(seed);
  const cols = 4;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const centre = (i % 3) * 4;
    const far = i % 50 === 0 ? 12 + 6 * random.nextFloat() : 0;
    for (let c = 0; c < cols; c++) data[i * cols + c] = centre + far + 0.5 * random.nextGaussian();
  }
  return { rows, cols, data };
}

describe("DBSCAN on a second thread", () => {
  it("gives the setting, the saved model and the labels that clustering here gives, eps auto", async () => {
    const scaled = blobs(DBSCAN_THREAD_MIN_ROWS + 500, 1);
    const here = chooseEpsSetting(scaled, "auto", 5);
    const { model, result } = fitDbscan(here.decision.eps, 5, scaled);
    const onThread = clusterOnThread({ scaled, eps: "auto", minSamples: 5 });
    assert.ok(onThread !== null, "large enough to go to a thread");
    const thread = await onThread;
    assert.deepEqual(thread.setting, here);
    assert.deepEqual(thread.model.toJSON(), model.toJSON());
    const labels = model.predict(scaled).labels;
    assert.deepEqual(thread.model.predict(scaled).labels, labels);
    assert.ok(labels.some((v) => v === 1) && labels.some((v) => v === 0), "some noise, some clusters");
    // The fit's own labels of the windows come back too, as they are here (scoring takes them).
    assert.deepEqual(thread.result, result);
  });

  it("reads scaled windows in shared memory as they are, and leaves them so", async () => {
    const rows = blobs(DBSCAN_THREAD_MIN_ROWS + 100, 5);
    const shared = sharedMatrix(rows.rows, rows.cols);
    assert.ok(shared.data.buffer instanceof SharedArrayBuffer);
    shared.data.set(rows.data);
    const here = chooseEpsSetting(rows, "auto", 5);
    const thread = await clusterOnThread({ scaled: shared, eps: "auto", minSamples: 5 });
    assert.deepEqual(thread?.setting, here);
    assert.deepEqual(thread?.model.toJSON(), fitDbscan(here.decision.eps, 5, rows).model.toJSON());
    assert.deepEqual(shared.data, rows.data, "the thread changed none of the shared rows");
  });

  it("chooses eps with labels on the thread as it would here", async () => {
    const scaled = blobs(DBSCAN_THREAD_MIN_ROWS, 2);
    const truth = Uint8Array.from({ length: scaled.rows }, (_, i) => (i % 50 === 0 ? 1 : 0));
    const here = chooseEpsSetting(scaled, "auto", 5, truth);
    const thread = await clusterOnThread({ scaled, eps: "auto", minSamples: 5, truth });
    assert.equal(here.choice.mode, "labels");
    assert.deepEqual(thread?.setting, here);
  });

  it("stays on this thread for fewer windows than a thread pays for", () => {
    assert.equal(clusterOnThread({ scaled: blobs(DBSCAN_THREAD_MIN_ROWS - 1, 3), eps: 0.5, minSamples: 5 }), null);
  });

  it("stops the thread and rejects with the reason when the run is aborted", async () => {
    const controller = new AbortController();
    const onThread = clusterOnThread({ scaled: blobs(DBSCAN_THREAD_MIN_ROWS, 4), eps: "auto", minSamples: 5 }, controller.signal);
    assert.ok(onThread !== null);
    controller.abort(new Error("cancelled by the analyst"));
    await assert.rejects(onThread, /cancelled by the analyst/);
  });
});
