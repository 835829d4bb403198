import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { jsonPieces } from "@/lib/pipeline/json-pieces";

describe("jsonPieces", () => {
  it("writes the head, then each array in pieces of at most perPiece numbers", () => {
    const pieces = [...jsonPieces({ name: "x", cols: 2 }, { points: Float64Array.of(1.5, -0, 3), ids: Int32Array.of(7) }, 2)];
    assert.deepEqual(pieces, ['{"name":"x"', ',"cols":2', ',"points":[', "1.5,0", ",3", "]", ',"ids":[', "7", "]", "}"]);
  });

  it("spells numbers JSON has no word for as null, and an empty object as {}", () => {
    assert.equal([...jsonPieces({}, { v: [Number.NaN, Infinity, -Infinity, 5e-324] })].join(""), '{"v":[null,null,null,5e-324]}');
    assert.equal([...jsonPieces({}, {})].join(""), "{}");
    assert.equal([...jsonPieces({ gone: undefined }, { empty: [] })].join(""), '{"empty":[]}');
  });

  it("joins to exactly JSON.stringify's text of the same object with plain arrays", () => {
    const key = fc.string({ maxLength: 6 });
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        fc.dictionary(key, fc.array(fc.double(), { maxLength: 40 }), { maxKeys: 3 }),
        fc.integer({ min: 1, max: 7 }),
        (head, arrays, perPiece) => {
          // Keys may repeat between the two: the array is then written once, where the head had the key.
          const typed = Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, Float64Array.from(v)]));
          const expected = JSON.stringify({ ...head, ...arrays });
          assert.equal([...jsonPieces(head, typed, perPiece)].join(""), expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
