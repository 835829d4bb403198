import { test } from "node:test";
import assert from "node:assert/strict";
import { createMatrix } from "@/lib/detectors/matrix";
import type { WindowRecord } from "@/lib/db/types";
import { EXTENDED_FEATURE_NAMES } from "@/lib/logs/types";
import { formatResultRow, formatResultsCsv, RESULT_ROWS_PER_PIECE, resultsCsvHeader, resultsCsvPieces } from "@/lib/pipeline/format-results-csv";
import type { WindowResults } from "@/lib/pipeline/types";
import { storedResultRow } from "@/lib/server/runs/results-csv";

// Two windows of an extended run, with the non-finite values a file must spell as Python does.
const features = [
  [5, 3, 1, 2, 40.5, 0, 0, 1.25, 0.5, 0.25, 3, 0],
  [9, 7, 2, 3, 51.125, 2, 1, 2.5, Number.NaN, 0.75, 1, 4],
];
const fresh: WindowResults = {
  windows: features.map((values, i) => ({ start: 1118762100 + 60 * i, end: 1118762160 + 60 * i, values })),
  featureNames: EXTENDED_FEATURE_NAMES,
  scaled: createMatrix(2, 12),
  aeFeatureErrors: createMatrix(2, 12),
  scores: {
    isolationForest: Float64Array.from([0.41, 0.73]),
    autoencoder: Float64Array.from([0.002, 1.5e-7]),
    dbscanDistance: Float64Array.from([0.3, Infinity]),
    dbscanCluster: Int32Array.from([0, -1]),
  },
  labels: {
    isolationForest: Uint8Array.from([0, 1]),
    dbscan: Uint8Array.from([0, 1]),
    autoencoder: Uint8Array.from([0, 0]),
    ensemble: Uint8Array.from([0, 1]),
  },
  thresholds: { isolationForest: 0.6, contamination: 0.05, autoencoder: 0.01, aePercentile: 95, eps: 0.5, minSamples: 5, votes: 2 },
};

/** The same windows as the store gives them back. */
const stored: WindowRecord[] = fresh.windows.map((w, i) => ({
  runId: 1,
  index: i,
  start: w.start,
  end: w.end,
  featureNames: EXTENDED_FEATURE_NAMES,
  features: w.values,
  scaled: [],
  templateCounts: null,
  aeFeatureErrors: null,
  ifScore: fresh.scores.isolationForest[i]!,
  aeError: fresh.scores.autoencoder[i]!,
  dbscanDistance: fresh.scores.dbscanDistance[i]!,
  dbscanCluster: fresh.scores.dbscanCluster[i]!,
  labels: {
    isolationForest: fresh.labels.isolationForest[i] === 1,
    dbscan: fresh.labels.dbscan[i] === 1,
    autoencoder: fresh.labels.autoencoder[i] === 1,
    ensemble: fresh.labels.ensemble[i] === 1,
  },
  modelVotes: 0,
  lineRanges: [],
}));

test("a stored run's CSV rows equal the CLI's file byte for byte, extended columns and non-finite values included", () => {
  const exported = [resultsCsvHeader(EXTENDED_FEATURE_NAMES), ...stored.map((w) => formatResultRow(storedResultRow(w, null)))].join("\n") + "\n";
  assert.equal(exported, formatResultsCsv(fresh));
});

test("a row puts the contract's features, then the labels, then the extra features and the scores", () => {
  const [, , second] = formatResultsCsv(fresh).split("\n");
  assert.equal(second, "2005-06-14T15:16:00Z,2005-06-14T15:17:00Z,9,7,2,3,51.125,2,1,2.5,1,1,0,1,nan,0.75,1,4,0.73,1.5e-7,inf");
});

test("a row's four labels keep the contract's order (forest, DBSCAN, autoencoder, ensemble), and a seed row has no extra feature columns", () => {
  const seedRow = { start: 0, end: 60, features: [1, 2, 3, 4, 5.5, 6, 7, -0.5], ifScore: 0.5, aeError: 2e-9, dbscanDistance: -Infinity };
  const lines = [0, 1, 2, 3].map((at) => formatResultRow({ ...seedRow, labels: [at === 0 ? 1 : 0, at === 1 ? 1 : 0, at === 2 ? 1 : 0, at === 3 ? 1 : 0] }));
  assert.deepEqual(
    lines.map((line) => line.split(",").slice(10, 14).join("")),
    ["1000", "0100", "0010", "0001"],
  );
  assert.equal(lines[0], "1970-01-01T00:00:00Z,1970-01-01T00:01:00Z,1,2,3,4,5.5,6,7,-0.5,1,0,0,0,0.5,2e-9,-inf");
});

test("the CSV comes in pieces of whole lines, the header first and RESULT_ROWS_PER_PIECE rows each, that add up to the whole file", () => {
  // 2.5 pieces' worth of windows: the two above, alternating.
  const count = RESULT_ROWS_PER_PIECE * 2 + RESULT_ROWS_PER_PIECE / 2;
  const pick = <T>(pair: ArrayLike<T>, i: number): T => pair[i % 2]!;
  const many: WindowResults = {
    ...fresh,
    windows: Array.from({ length: count }, (_, i) => ({ start: 1118762100 + 60 * i, end: 1118762160 + 60 * i, values: pick(features, i) })),
    scores: {
      isolationForest: Float64Array.from({ length: count }, (_, i) => pick(fresh.scores.isolationForest, i)),
      autoencoder: Float64Array.from({ length: count }, (_, i) => pick(fresh.scores.autoencoder, i)),
      dbscanDistance: Float64Array.from({ length: count }, (_, i) => pick(fresh.scores.dbscanDistance, i)),
      dbscanCluster: Int32Array.from({ length: count }, (_, i) => pick(fresh.scores.dbscanCluster, i)),
    },
    labels: {
      isolationForest: Uint8Array.from({ length: count }, (_, i) => pick(fresh.labels.isolationForest, i)),
      dbscan: Uint8Array.from({ length: count }, (_, i) => pick(fresh.labels.dbscan, i)),
      autoencoder: Uint8Array.from({ length: count }, (_, i) => pick(fresh.labels.autoencoder, i)),
      ensemble: Uint8Array.from({ length: count }, (_, i) => pick(fresh.labels.ensemble, i)),
    },
  };
  const pieces = [...resultsCsvPieces(many)];
  assert.deepEqual(
    pieces.map((piece) => piece.split("\n").length - 1),
    [RESULT_ROWS_PER_PIECE + 1, RESULT_ROWS_PER_PIECE, RESULT_ROWS_PER_PIECE / 2],
  );
  assert.ok(pieces.every((piece) => piece.endsWith("\n")));
  assert.ok(pieces[0]!.startsWith(`${resultsCsvHeader(EXTENDED_FEATURE_NAMES)}\n2005-06-14T15:15:00Z,`));
  const rows = pieces.join("").split("\n");
  assert.equal(rows[count], "2005-06-16T08:54:00Z,2005-06-16T08:55:00Z,9,7,2,3,51.125,2,1,2.5,1,1,0,1,nan,0.75,1,4,0.73,1.5e-7,inf");
  assert.equal(pieces.join(""), formatResultsCsv(many));
});

test("a run without windows is the header line alone", () => {
  const none: WindowResults = { ...fresh, windows: [] };
  assert.deepEqual([...resultsCsvPieces(none)], [`${resultsCsvHeader(EXTENDED_FEATURE_NAMES)}\n`]);
});
