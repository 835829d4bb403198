import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageTemplateIds } from "../../lib/logs/message-template-ids";

describe("MessageTemplateIds", () => {
  it("keeps a template id and flags per message id", () => {
    const ids = new MessageTemplateIds();
    ids.set(0, 7, 1);
    ids.set(200_000, 3, 2);
    assert.deepEqual([ids.templateOf(0), ids.flagsOf(0), ids.templateOf(200_000), ids.flagsOf(200_000)], [7, 1, 3, 2]);
    assert.throws(() => ids.templateOf(1 << 22), /no template/);
  });

  it("forgets whole chunks of 65,536 ids below a message id and refuses to hand them out again", () => {
    const ids = new MessageTemplateIds();
    for (const id of [5, 70_000, 140_000]) ids.set(id, 1, 0);
    assert.equal(ids.heldChunks, 3);
    ids.forgetBelow(140_000);
    // Ids 0-131,071 (two whole chunks) go; the chunk holding 140,000 stays whole.
    assert.equal(ids.heldChunks, 1);
    assert.throws(() => ids.templateOf(5), /no template/);
    assert.throws(() => ids.templateOf(70_000), /no template/);
    assert.equal(ids.templateOf(140_000), 1);
    assert.throws(() => ids.set(6, 1, 0), /forgotten/);
  });

  it("keeps a chunk below the bound while one of its ids is still held, and gives it back once none is", () => {
    const ids = new MessageTemplateIds();
    for (const id of [5, 70_000, 140_000, 210_000]) ids.set(id, 1, 0);
    // Below 196,608 (three whole chunks): id 5, which every running window still holds (a
    // heartbeat), keeps chunk 0; chunks 1 and 2 go; chunk 3 is not below the bound.
    ids.forgetBelow(200_000, [5, 210_000]);
    assert.equal(ids.heldChunks, 2);
    assert.equal(ids.templateOf(5), 1);
    assert.throws(() => ids.templateOf(70_000), /no template/);
    assert.throws(() => ids.templateOf(140_000), /no template/);
    ids.set(6, 2, 0);
    assert.equal(ids.templateOf(6), 2, "a kept chunk takes ids again");
    ids.forgetBelow(200_000);
    assert.equal(ids.heldChunks, 1);
    assert.throws(() => ids.templateOf(5), /no template/);
  });
});
