import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import fc from "fast-check";

import { Dbscan, type DbscanJSON } from "../../lib/detectors/dbscan";
import { findDbscanNoise } from "../../lib/detectors/dbscan-noise";
import { findNeighbourhoods } from "../../lib/detectors/k-distance";
import { toMatrix } from "../../lib/detectors/matrix";
import { StandardScaler } from "../../lib/detectors/standard-scaler";
import { bruteDbscan, makeClusteredData } from "./brute-force";
import { GOLDEN_SETS, loadGolden } from "./golden";

// Rows: a tight triple E F G, a lone point D, and a chain A B C whose links are exactly eps = 1.
const FIXTURE = toMatrix([
  [10, 0], // E
  [10, 0], // F (duplicate of E)
  [10, 0.5], // G
  [3.5, 0], // D: 1.5 from C
  [0, 0], // A
  [1, 0], // B: A and C at exactly eps make it core
  [2, 0], // C
]);

describe("Dbscan", () => {
  it("finds core, border and noise points on a hand-checked fixture", () => {
    const result = new Dbscan({ eps: 1, minSamples: 3 }).fit(FIXTURE);
    assert.deepEqual(Array.from(result.core), [1, 1, 1, 0, 0, 1, 0]);
    assert.deepEqual(Array.from(result.labels), [0, 0, 0, 1, 0, 0, 0]);
    // Clusters are numbered by their first core row, like scikit-learn's scan.
    assert.deepEqual(Array.from(result.clusters), [0, 0, 0, -1, 1, 1, 1]);
    assert.deepEqual(Array.from(result.coreDistances), [0, 0, 0, 2.5, 1, 0, 1]);
  });

  it("counts a neighbour at exactly eps but not one just beyond it", () => {
    const justOutside = toMatrix([[0, 0], [1 + 1e-12, 0], [2 + 2e-12, 0]]);
    const result = new Dbscan({ eps: 1, minSamples: 3 }).fit(justOutside);
    assert.deepEqual(Array.from(result.labels), [1, 1, 1]);
  });

  it("counts duplicates, the point itself included, towards minSamples", () => {
    const result = new Dbscan({ eps: 0.1, minSamples: 3 }).fit(toMatrix([[5], [5], [5], [9], [9]]));
    assert.deepEqual(Array.from(result.labels), [0, 0, 0, 1, 1]);
  });

  it("labels new points as noise unless within eps of a stored core point", () => {
    const model = new Dbscan({ eps: 1, minSamples: 3 });
    model.fit(FIXTURE);
    const prediction = model.predict(toMatrix([[1, 1], [1, 1.0001], [3, 0], [10, -0.5], [40, 0]]));
    // [3, 0] is within eps of the border point C only: borders do not extend clusters.
    assert.deepEqual(Array.from(prediction.labels), [0, 1, 1, 0, 1]);
    assert.deepEqual(Array.from(prediction.clusters), [1, -1, -1, 0, -1]);
    assert.equal(prediction.coreDistances[0], 1);
    assert.equal(prediction.coreDistances[2], 2);
    assert.equal(prediction.coreDistances[4], 30);
  });

  it("predicts identically after a JSON round trip", () => {
    const model = new Dbscan({ eps: 1, minSamples: 3 });
    model.fit(FIXTURE);
    const loaded = Dbscan.load(JSON.parse(JSON.stringify(model.toJSON())) as DbscanJSON);
    assert.equal(loaded.coreCount, 3);
    const probe = toMatrix([[1, 1], [0.5, 0.5], [10, 0.2], [3, 0], [7, 7]]);
    assert.deepEqual(loaded.predict(probe), model.predict(probe));
  });

  it("rebuilds from its typed-array state and gives that state back, as loaded models do", () => {
    const model = new Dbscan({ eps: 1, minSamples: 3 });
    model.fit(FIXTURE);
    const state = model.toState();
    assert.deepEqual(Array.from(state.coreClusters), [0, 0, 1]);
    const rebuilt = Dbscan.fromState({ ...state, corePoints: state.corePoints.slice(), coreClusters: state.coreClusters.slice() });
    assert.deepEqual(rebuilt.toJSON(), model.toJSON());
    assert.deepEqual(rebuilt.toState().corePoints, state.corePoints);
    const probe = toMatrix([[1, 1], [0.5, 0.5], [10, 0.2], [3, 0]]);
    assert.deepEqual(rebuilt.predict(probe), model.predict(probe));
  });

  it("refuses a saved model whose cluster ids are not whole numbers below its number of core points", () => {
    const model = new Dbscan({ eps: 1, minSamples: 3 });
    model.fit(FIXTURE);
    for (const bad of [3, 2 ** 32, -1, 0.5]) {
      const json = model.toJSON();
      json.coreClusters[1] = bad;
      assert.throws(() => Dbscan.load(json), /a core point's cluster is not a whole number below the number of core points/, String(bad));
    }
  });

  it("calls everything noise when no point is core", () => {
    const model = new Dbscan({ eps: 0.5, minSamples: 5 });
    const result = model.fit(toMatrix([[0], [1], [2]]));
    assert.deepEqual(Array.from(result.labels), [1, 1, 1]);
    assert.deepEqual(Array.from(model.predict(toMatrix([[0]])).labels), [1]);
  });

  it("agrees with an all-pairs reference on clustered data with duplicates", () => {
    const x = makeClusteredData(1500, 4, 11);
    for (const [eps, minSamples] of [[0.3, 5], [0.8, 10], [2, 4]] as const) {
      const result = new Dbscan({ eps, minSamples }).fit(x);
      const reference = bruteDbscan(x, eps, minSamples);
      assert.deepEqual(Array.from(result.core, Boolean), reference.core);
      assert.deepEqual(Array.from(result.labels, Boolean), reference.noise);
      // Two core rows share a cluster exactly when they share a reference component.
      const mapping = new Map<number, number>();
      for (let i = 0; i < x.rows; i++) {
        if (!reference.core[i]) continue;
        const ours = result.clusters[i] as number;
        const theirs = reference.component[i] as number;
        if (!mapping.has(theirs)) mapping.set(theirs, ours);
        assert.equal(mapping.get(theirs), ours, `row ${i}`);
      }
      assert.equal(new Set(mapping.values()).size, mapping.size);
    }
  });

  for (const name of GOLDEN_SETS) {
    const golden = loadGolden(name);
    const ourScaled = new StandardScaler().fitTransform(golden.features);
    for (const column of golden.dbscan) {
      for (const [source, x] of [["golden", golden.scaled], ["our scaler's", ourScaled]] as const) {
        it(`reproduces scikit-learn's noise set of ${name} at eps ${column.eps}, min_samples ${column.minSamples} from ${source} scaled features`, () => {
          const result = new Dbscan({ eps: column.eps, minSamples: column.minSamples }).fit(x);
          assert.deepEqual(Array.from(result.labels), column.noise);
        });
      }
    }
  }
});

test("findDbscanNoise gives exactly fit's noise labels and core distances without numbering clusters", () => {
  for (const name of GOLDEN_SETS) {
    const golden = loadGolden(name);
    for (const [eps, minSamples] of [[0.3, 3], [0.5, 5], [1, 5]] as const) {
      const fit = new Dbscan({ eps, minSamples }).fit(golden.scaled);
      const noise = findDbscanNoise(golden.scaled, { eps, minSamples });
      assert.deepEqual(noise.labels, fit.labels);
      assert.deepEqual(noise.coreDistances, fit.coreDistances);
    }
  }
});

test("a fit's labels, clusters and core distances of its own rows are what predicting those rows gives, duplicates included", () => {
  // Scoring right after training takes the fit's (lib/pipeline/score-windows.ts, TrainedScores.dbscan).
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 1, max: 8 }),
      fc.double({ min: 0.01, max: 3, noNaN: true }),
      fc.boolean(),
      (rows, cols, seed, minSamples, eps, withNeighbourhoods) => {
        const made = makeClusteredData(rows, cols, seed);
        // Every third row again at the end, so that distinct rows stand for several.
        const again = Array.from({ length: rows }, (_, i) => i).filter((i) => i % 3 === 0);
        const data = new Float64Array((rows + again.length) * cols);
        data.set(made.data);
        again.forEach((i, k) => data.set(made.data.subarray(i * cols, (i + 1) * cols), (rows + k) * cols));
        const x = { rows: rows + again.length, cols, data };
        const model = new Dbscan({ eps, minSamples });
        const { labels, clusters, coreDistances } = model.fit(x, withNeighbourhoods ? findNeighbourhoods(x, minSamples) : undefined);
        assert.deepEqual({ labels, clusters, coreDistances }, model.predict(x));
      },
    ),
    { numRuns: 300, seed: 11 },
  );
});
