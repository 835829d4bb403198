import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TemplateMiner } from "../../../lib/logs/templates/template-miner";

const MESSAGES = [
  "session opened for user alice by (uid=0)",
  "session opened for user bob by (uid=0)",
  "Accepted password for root from 10.0.0.1 port 22 ssh2",
  "Accepted password for root from 10.0.0.2 port 2222 ssh2",
  "disk error on /dev/sda1",
];

describe("TemplateMiner with tokens given by the caller", () => {
  it("mines the same templates from addTokens(tokenize(m)) as from add(m)", () => {
    const a = new TemplateMiner();
    const b = new TemplateMiner();
    const fromText = MESSAGES.map((m) => a.add(m));
    const fromTokens = MESSAGES.map((m) => b.addTokens(b.tokenize(m)));
    assert.deepEqual(fromTokens, fromText);
    assert.deepEqual(b.toJSON(), a.toJSON());
  });

  it("answers matchTokens as match does, without changing the tokens", () => {
    const miner = new TemplateMiner();
    MESSAGES.slice(0, 4).forEach((m) => miner.add(m));
    for (const m of [...MESSAGES, "session closed for user alice"]) {
      const tokens = miner.tokenize(m);
      const copy = [...tokens];
      assert.equal(miner.matchTokens(tokens), miner.match(m));
      assert.deepEqual(tokens, copy);
    }
  });

  it("says two miners tokenize alike when they mask the same shapes, in any order", () => {
    const all = new TemplateMiner();
    assert.ok(all.tokenizesLike(new TemplateMiner()));
    assert.ok(new TemplateMiner({ masks: ["number", "ipv4"] }).tokenizesLike(new TemplateMiner({ masks: ["ipv4", "number"] })));
    assert.equal(all.tokenizesLike(new TemplateMiner({ masks: ["number"] })), false);
  });

  it("compares a message with a template's own token kinds, not the message's", () => {
    // `a1b` is a variable and no word, so a word in its place is no word variant: the message
    // joins the template. Were the template's kinds the message's, `cat` would look like a second
    // word there and start a variant.
    const miner = new TemplateMiner({ masks: [] });
    const first = miner.add("dump a1b now please ok").templateId;
    assert.deepEqual(miner.add("dump cat now please ok"), { templateId: first, template: "dump <*> now please ok" });
  });

  it("handles messages longer than its reused buffers", () => {
    const miner = new TemplateMiner();
    const long = (n: number): string => Array.from({ length: 150 }, (_, i) => `field${i}=v${i === 75 ? n : i}x`).join(" ");
    const id = miner.add(long(1)).templateId;
    assert.equal(miner.add(long(2)).templateId, id);
    assert.equal(miner.match(long(3)), id);
  });
});
