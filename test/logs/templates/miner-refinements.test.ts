import type { TemplateMinerJson } from "@/lib/logs/templates";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TemplateMiner } from "../../../lib/logs/templates/template-miner";
import { sameShape, skeletonKey, tokenKind, tokenKinds, VARIABLE, WORD } from "../../../lib/logs/templates/token-kinds";

const addAll = (miner: TemplateMiner, messages: string[]): number[] => messages.map((m) => miner.add(m).templateId);
const roundTrip = (miner: TemplateMiner): TemplateMiner => TemplateMiner.load(JSON.parse(JSON.stringify(miner.toJSON())) as TemplateMinerJson);

describe("token kinds", () => {
  it("calls a token a word when it has a letter and no digit but a trailing number, a variable when it has a digit or a mask", () => {
    assert.equal(tokenKind("Paused"), WORD);
    assert.equal(tokenKind("action:android.intent.action.SCREEN_ON"), WORD);
    assert.equal(tokenKind("ssh2"), WORD | VARIABLE);
    assert.equal(tokenKind("core.2275"), VARIABLE);
    assert.equal(tokenKind("<*>"), VARIABLE);
    assert.equal(tokenKind("(uid=<*>)"), VARIABLE);
    assert.equal(tokenKind("<BLOCK>"), VARIABLE);
    assert.equal(tokenKind("-"), 0);
  });

  it("compares tokens with every run of digits as one character", () => {
    assert.ok(sameShape("core.2275", "core.862"));
    assert.ok(sameShape("attempt_201706092018_0024_m_000003_1012", "attempt_201706092018_0024_m_000004_1026"));
    assert.equal(sameShape("ee0", "alt0"), false);
    assert.equal(sameShape("core.1", "core.1a"), false);
  });

  it("keys a message by its constant tokens, without tokens that are only masks and punctuation", () => {
    const key = (tokens: string[]) => skeletonKey(tokens, tokenKinds(tokens));
    assert.equal(key(["<*>", "bytes", "(<*>", "<*>)", "sent"]), "bytes sent");
    assert.equal(key(["<*>", "bytes", "sent"]), "bytes sent");
    assert.equal(key(["<*>", "done"]), null);
  });
});

describe("TemplateMiner: tokens with digits", () => {
  it("keeps one template for a variable glued to a word, where no mask takes it (BGL's generating core.N)", () => {
    const miner = new TemplateMiner();
    const ids = addAll(miner, ["generating core.2275", "generating core.862", "generating core.12", "generating core.4711"]);
    assert.deepEqual(ids, [0, 0, 0, 0]);
    assert.equal(miner.template(0), "generating <*>");
  });

  it("still tells apart tokens whose letters differ around their digits (interface ee0, alt0)", () => {
    const miner = new TemplateMiner();
    const ids = addAll(miner, ["link up via interface ee0", "link up via interface alt0", "link up via interface ee0"]);
    assert.deepEqual(ids, [0, 1, 0]);
  });
});

describe("TemplateMiner: word variants", () => {
  it("keeps messages that differ in a word apart (VM Paused, VM Resumed)", () => {
    const miner = new TemplateMiner();
    const ids = addAll(miner, ["[instance: <*>] VM Paused (Lifecycle Event)", "[instance: <*>] VM Resumed (Lifecycle Event)", "[instance: <*>] VM Paused (Lifecycle Event)"]);
    assert.deepEqual(ids, [0, 1, 0]);
  });

  it("merges the variants into one template with <*> when one place holds more than wordVariantLimit words", () => {
    const miner = new TemplateMiner({ wordVariantLimit: 2 });
    const users = ["root", "admin", "guest", "oracle"];
    const ids = addAll(miner, users.map((u) => `Failed password for ${u} from <*> port <*> ssh2`));
    // root and admin are two variants; guest is one too many: it joins root's template, which admin's merges into.
    assert.deepEqual(ids, [0, 1, 0, 0]);
    assert.equal(miner.template(0), "Failed password for <*> from <*> port <*> ssh2");
    assert.deepEqual(ids.map((id) => miner.resolve(id)), [0, 0, 0, 0]);
    assert.equal(miner.template(1), miner.template(0));
    assert.deepEqual(miner.templates(), [
      { id: 0, template: "Failed password for <*> from <*> port <*> ssh2", count: 3 },
      { id: 1, template: "Failed password for <*> from <*> port <*> ssh2", count: 1, mergedInto: 0 },
    ]);
    assert.equal(miner.size, 2);
  });

  it("generalises words at once with wordVariantLimit 0, as Drain does", () => {
    const miner = new TemplateMiner({ wordVariantLimit: 0 });
    assert.deepEqual(addAll(miner, ["[instance: <*>] VM Paused (Lifecycle Event)", "[instance: <*>] VM Resumed (Lifecycle Event)"]), [0, 0]);
  });

  it("matches a message that differs from a known template only in words to its family, without learning", () => {
    const miner = new TemplateMiner();
    addAll(miner, ["session opened for user alice", "session opened for user bob"]);
    assert.equal(miner.match("session opened for user carol"), 0);
    assert.equal(miner.match("session closed for user carol"), null);
    assert.equal(miner.size, 2);
  });

  it("saves variants and merges, and answers the same after load", () => {
    const miner = new TemplateMiner({ wordVariantLimit: 2 });
    const messages = ["user root logged in", "user admin logged in", "user guest logged in", "VM Paused now", "VM Resumed now"];
    addAll(miner, messages);
    const loaded = roundTrip(miner);
    assert.deepEqual(loaded.templates(), miner.templates());
    assert.deepEqual(loaded.toJSON(), miner.toJSON());
    const probes = [...messages, "user zoe logged in", "VM Stopped now", "VM Started now"];
    assert.deepEqual(probes.map((m) => loaded.match(m)), probes.map((m) => miner.match(m)));
    assert.deepEqual(probes.map((m) => loaded.add(m)), probes.map((m) => miner.add(m)));
  });
});

describe("TemplateMiner: messages of another length", () => {
  it("joins a template with the same constant tokens when the extra tokens are only masked variables", () => {
    // Proxifier's preset masks the unit, so `(1.16 KB)` is `(<*> <*>)`.
    const miner = new TemplateMiner({ customMasks: [{ pattern: "[KGTM]B" }] });
    const ids = addAll(miner, [
      "proxy:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01",
      "proxy:5070 close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02",
      "proxy:5070 close, 403 bytes sent, 0 bytes received, lifetime 00:03",
    ]);
    assert.deepEqual(ids, [0, 0, 0]);
    assert.equal(miner.size, 1);
  });

  it("keeps one token count per template with matchAcrossLengths false", () => {
    const miner = new TemplateMiner({ matchAcrossLengths: false });
    assert.deepEqual(addAll(miner, ["sent 0 bytes now", "sent 5 bytes (5KB) now"]), [0, 1]);
  });

  it("reads a miner saved before these options with the defaults, and an older file without skeletons", () => {
    const miner = new TemplateMiner();
    addAll(miner, ["sent 0 bytes now", "disk full"]);
    const json = miner.toJSON();
    const { skeletons, ...older } = json;
    assert.ok(skeletons !== undefined);
    const loaded = TemplateMiner.load({ ...older, options: { depth: 5, similarityThreshold: 0.75, maxChildren: 100, masks: [...json.options.masks], maskedMatchesWildcard: true } });
    assert.equal(loaded.options.wordVariantLimit, 4);
    assert.equal(loaded.match("sent 5 bytes (5KB) now"), 0);
  });
});
