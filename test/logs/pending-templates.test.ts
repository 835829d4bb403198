import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ERROR_KEYWORD } from "../../lib/logs/message-templates";
import { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import { PendingTemplates } from "../../lib/logs/pending-templates";
import { createView } from "../../lib/logs/byte-view";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe("PendingTemplates", () => {
  it("gives each new message once in id order, flags error words itself, and learns templates batch by batch in order", () => {
    let vocabulary = MessageVocabulary.bounded(true, 2);
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    const pending = new PendingTemplates();
    intern("disk ok");
    intern("disk error");
    const first = pending.give(vocabulary);
    assert.deepEqual([...first!.ids], [0, 1]);
    assert.deepEqual(first!.views.map((v) => decoder.decode(v)), ["disk ok", "disk error"]);
    assert.equal(pending.give(vocabulary), null, "nothing new");
    // A new epoch forgets the texts (no window holds them). The third distinct message opens a new
    // fingerprint generation; "disk ok" then comes back from the older one as an alias (id 3) of
    // id 0: not sent to be mined.
    vocabulary = vocabulary.keeping([]);
    intern("fan on");
    assert.equal(intern("disk ok"), 3);
    const second = pending.give(vocabulary);
    assert.deepEqual([...second!.ids], [2]);
    assert.equal(pending.size, 0);
    assert.equal(pending.pending, 4);
    assert.equal(pending.answer([9], [0]), false, "answers come for the oldest batch first");
    assert.ok(pending.answer([5, 6], [1, 0]));
    assert.equal(pending.size, 2);
    assert.ok(pending.answer([7], [0]));
    assert.equal(pending.size, 4);
    assert.deepEqual([0, 1, 2, 3].map((id) => pending.ids.templateOf(id)), [5, 6, 7, 5]);
    assert.deepEqual([0, 1, 2, 3].map((id) => pending.ids.flagsOf(id)), [1, ERROR_KEYWORD, 0, 1]);
  });
});
