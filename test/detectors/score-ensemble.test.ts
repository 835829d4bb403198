import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ensembleOf } from "../../lib/detectors/ensemble";
import { calibrateScores, ScoreEnsemble, type ScoreEnsembleJSON } from "../../lib/detectors/score-ensemble";

describe("calibrateScores", () => {
  it("takes the median and 1.4826 times the median absolute deviation", () => {
    // Median 3; deviations 2, 1, 0, 1, 7 -> MAD 1.
    const c = calibrateScores([1, 2, 3, 4, 10]);
    assert.equal(c.median, 3);
    assert.ok(Math.abs(c.scale - 1.4826) < 1e-12);
    assert.equal(c.ceiling, 10);
  });

  it("falls back to the mean absolute deviation when most scores are equal", () => {
    // DBSCAN distances: 0 for core windows. Median 0, MAD 0; mean deviation (0*7 + 2 + 4 + 6) / 10 = 1.2.
    const c = calibrateScores([0, 0, 0, 0, 0, 0, 0, 2, 4, 6]);
    assert.equal(c.median, 0);
    assert.ok(Math.abs(c.scale - 1.2533 * 1.2) < 1e-12);
  });

  it("caps infinite scores at the largest finite one and leaves out a column with none", () => {
    assert.equal(calibrateScores([1, Infinity, 3]).median, 3);
    assert.deepEqual(calibrateScores([Infinity, Infinity]), { median: 0, scale: 0, ceiling: 0 });
  });

  it("leaves out a constant column, which says nothing about any window", () => {
    assert.equal(calibrateScores([5, 5, 5]).scale, 0);
  });
});

describe("ScoreEnsemble", () => {
  // Three detectors over six windows; window 5 is far out on two of them, window 4 on one only.
  const ifScores = [0.40, 0.41, 0.42, 0.43, 0.44, 0.90];
  const aeErrors = [1.0, 1.1, 0.9, 1.0, 30.0, 25.0];
  const distances = [0, 0, 0, 0, 0, 8];

  it("gives each window the median of its detectors' robust z-scores", () => {
    const model = new ScoreEnsemble().fit([ifScores, aeErrors, distances]);
    const combined = model.score([ifScores, aeErrors, distances]);
    // Window 4 is extreme for the autoencoder alone: its median z stays ordinary.
    assert.ok((combined[4] as number) < 5, `window 4: ${combined[4]}`);
    assert.ok((combined[5] as number) > 5, `window 5: ${combined[5]}`);
    assert.deepEqual(Array.from(ensembleOf([], 2, { combined, cut: model.options.cut })), [0, 0, 0, 0, 0, 1]);
  });

  it("flags a window strictly above the cut, whatever the votes", () => {
    assert.deepEqual(Array.from(ensembleOf([[1, 1, 1], [1, 1, 1]], 1, { combined: [0.5, 1, 1.5], cut: 1 })), [0, 0, 1]);
    assert.deepEqual(Array.from(ensembleOf([[0, 0, 0]], 1, { combined: [0.5, 1, 1.5], cut: 0.4 })), [1, 1, 1]);
  });

  it("scores every window 0, never NaN, when no detector's scores vary (one window)", () => {
    const model = new ScoreEnsemble().fit([[0.5], [2], [0]]);
    assert.deepEqual(Array.from(model.score([[0.5], [2], [0]])), [0]);
  });

  it("scores new windows against the training windows, not against themselves", () => {
    const model = new ScoreEnsemble().fit([ifScores, aeErrors, distances]);
    const one = model.score([[0.9], [25.0], [8]]);
    const all = model.score([ifScores, aeErrors, distances]);
    assert.equal(one[0], all[5]);
  });

  it("round-trips through toJSON and load", () => {
    const model = new ScoreEnsemble({ cut: 4 }).fit([ifScores, aeErrors, distances]);
    const loaded = ScoreEnsemble.load(JSON.parse(JSON.stringify(model.toJSON())) as ScoreEnsembleJSON);
    assert.deepEqual(loaded.options, { cut: 4 });
    assert.deepEqual(Array.from(loaded.score([ifScores, aeErrors, distances])), Array.from(model.score([ifScores, aeErrors, distances])));
  });

  it("refuses columns of different lengths, a NaN score and a column count it was not fitted on", () => {
    assert.throws(() => new ScoreEnsemble().fit([[1, 2], [1]]), /length/);
    const model = new ScoreEnsemble().fit([ifScores, aeErrors]);
    assert.throws(() => model.score([ifScores]), /fitted on 2/);
    assert.throws(() => model.score([[NaN, 0.4, 0.4, 0.4, 0.4, 0.4], aeErrors]), /NaN/);
  });
});
