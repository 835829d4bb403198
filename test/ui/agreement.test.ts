import { test } from "node:test";
import assert from "node:assert/strict";
import { COMBINATIONS, computeAgreement } from "@/lib/ui/agreement";

// Eight windows, one per combination (bit 1 = IF, 2 = DBSCAN, 4 = AE), then two more IF-only ones.
//            0  1  2  3  4  5  6  7  8  9
const IF = [0, 1, 0, 1, 0, 1, 0, 1, 1, 1];
const DB = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0];
const AE = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0];

test("every window is counted under exactly its combination of flags", () => {
  const a = computeAgreement({ isolationForest: IF, dbscan: DB, autoencoder: AE });
  assert.deepEqual([...a.byMask], [1, 3, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(a.perModel, { isolationForest: 6, dbscan: 4, autoencoder: 4 });
  assert.equal(a.anyModel, 9);
  assert.equal(a.total, 10);
  const labelled = Object.fromEntries(COMBINATIONS.map((c) => [c.label, a.byMask[c.mask]]));
  assert.deepEqual(labelled, {
    "IF only": 3, "DBSCAN only": 1, "AE only": 1, "IF + DBSCAN": 1, "IF + AE": 1, "DBSCAN + AE": 1, "All three": 1,
  });
});

test("the Jaccard matrix is |A ∩ B| / |A ∪ B| for each pair, 1 on the diagonal", () => {
  const { jaccard } = computeAgreement({ isolationForest: IF, dbscan: DB, autoencoder: AE });
  // IF ∩ DB = {3, 7}, IF ∪ DB = {1,2,3,5,6,7,8,9}: 2 / 8.
  assert.equal(jaccard[0]?.[1], 2 / 8);
  assert.equal(jaccard[1]?.[0], 2 / 8);
  // IF ∩ AE = {5, 7}, IF ∪ AE = {1,3,4,5,6,7,8,9}: 2 / 8. DB ∩ AE = {6, 7}, DB ∪ AE = {2,3,4,5,6,7}: 2 / 6.
  assert.equal(jaccard[0]?.[2], 2 / 8);
  assert.equal(jaccard[1]?.[2], 2 / 6);
  assert.deepEqual([jaccard[0]?.[0], jaccard[1]?.[1], jaccard[2]?.[2]], [1, 1, 1]);
});

test("a pair of models that flag nothing has no Jaccard index", () => {
  const none = [0, 0, 0];
  const { jaccard } = computeAgreement({ isolationForest: [1, 0, 0], dbscan: none, autoencoder: none });
  assert.equal(jaccard[1]?.[2], null);
  assert.equal(jaccard[0]?.[1], 0);
});
