import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createView, viewsEqual } from "../../lib/logs/byte-view";

describe("viewsEqual", () => {
  it("tells byte runs of any length from 4 on apart by any one byte, at any offsets", () => {
    for (let length = 4; length <= 21; length++) {
      const text = "abcdefghijklmnopqrstuvwxyz".slice(0, length);
      // Offsets 1 and 3: no word read is aligned.
      const a = createView(new TextEncoder().encode(`.${text}`));
      assert.ok(viewsEqual(a, 1, createView(new TextEncoder().encode(`...${text}`)), 3, length), `equal, length ${length}`);
      for (let k = 0; k < length; k++) {
        const other = createView(new TextEncoder().encode(`...${text.slice(0, k)}#${text.slice(k + 1)}`));
        assert.equal(viewsEqual(a, 1, other, 3, length), false, `length ${length}, byte ${k}`);
      }
    }
  });
});
