import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { dedupeRows, matrixColumn, matrixRow, selectRows, toMatrix, toRows } from "../../lib/detectors/matrix";

describe("matrix helpers", () => {
  const m = toMatrix([[1, 2], [3, 4], [1, 2]]);

  it("packs rows row-major and unpacks them again", () => {
    assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 1, 2]);
    assert.deepEqual(toRows(m), [[1, 2], [3, 4], [1, 2]]);
    assert.equal(toMatrix([], 8).cols, 8);
  });

  it("refuses ragged rows", () => {
    assert.throws(() => toMatrix([[1, 2], [3]]), /row 1/);
  });

  it("reads rows as views and columns and selections as copies", () => {
    assert.deepEqual(Array.from(matrixRow(m, 1)), [3, 4]);
    assert.deepEqual(Array.from(matrixColumn(m, 1)), [2, 4, 2]);
    assert.deepEqual(toRows(selectRows(m, [2, 1])), [[1, 2], [3, 4]]);
  });

  it("collapses identical rows and counts them", () => {
    const d = dedupeRows(m);
    assert.equal(d.count, 2);
    assert.deepEqual(Array.from(d.unique), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(d.weights), [2, 1]);
    assert.deepEqual(Array.from(d.rowToUnique), [0, 1, 0]);
  });
});

describe("dedupeRows on larger input", () => {
  it("agrees with string keys, treats -0 as 0 and keeps first-occurrence order", () => {
    const rows: number[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([i % 7, (i * 13) % 5, i % 2 === 0 ? 0 : -0, (i % 3) * 0.1]);
    const d = dedupeRows(toMatrix(rows));
    const keys = new Map<string, number>();
    const expected = rows.map((row) => {
      const key = row.map(String).join(",");
      if (!keys.has(key)) keys.set(key, keys.size);
      return keys.get(key);
    });
    assert.equal(d.count, keys.size);
    assert.deepEqual(Array.from(d.rowToUnique), expected);
    assert.equal(d.weights.reduce((a, b) => a + b, 0), 3000);
  });
});
