import { test } from "node:test";
import assert from "node:assert/strict";
import { flagShareWarnings } from "@/lib/domain/flag-share";

test("a detector flagging more than a fifth of the windows is named with its share and the setting to change", () => {
  const warnings = flagShareWarnings({ isolationForest: 5, dbscan: 43, autoencoder: 21 }, 100);
  assert.deepEqual(warnings.map((w) => w.detector), ["dbscan", "autoencoder"]);
  assert.equal(
    warnings[0]?.message,
    "DBSCAN flags 43% of the windows (43 of 100), more than the 20% an anomaly detector should: raise eps (or set it to auto, the knee of the k-distance curve) or lower min samples.",
  );
  assert.match(warnings[1]?.message ?? "", /^The autoencoder flags 21% .*raise its percentile \(or set it to auto\)\.$/);
});

test("exactly a fifth, or an empty run, gives no warning", () => {
  assert.deepEqual(flagShareWarnings({ isolationForest: 20, dbscan: 20, autoencoder: 0 }, 100), []);
  assert.deepEqual(flagShareWarnings({ isolationForest: 0, dbscan: 0, autoencoder: 0 }, 0), []);
  assert.equal(flagShareWarnings({ isolationForest: 1201, dbscan: 0, autoencoder: 0 }, 4000)[0]?.message.slice(0, 58), "Isolation Forest flags 30% of the windows (1,201 of 4,000)");
});
