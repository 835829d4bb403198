import type { TemplateMinerJson } from "@/lib/logs/templates";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TEMPLATE_MINER_OPTIONS, TemplateMiner } from "../../../lib/logs/templates/template-miner";

describe("TemplateMiner", () => {
  it("gives two messages that differ only in a number the same template, with the number as <*>", () => {
    const miner = new TemplateMiner();
    const a = miner.add("Removed session 12.");
    const b = miner.add("Removed session 4711.");
    assert.equal(a.templateId, 0);
    assert.equal(b.templateId, 0);
    assert.equal(b.template, "Removed session <*>.");
  });

  it("replaces a differing word by <*> once a message is similar enough, as Drain does with word variants off", () => {
    const miner = new TemplateMiner({ wordVariantLimit: 0 });
    miner.add("session opened for user alice by (uid=0)");
    const second = miner.add("session opened for user bob by (uid=0)");
    // 5 of 6 tokens equal >= 0.75
    assert.deepEqual(second, { templateId: 0, template: "session opened for user <*> by (uid=<*>)" });
    assert.deepEqual(miner.templates(), [{ id: 0, template: "session opened for user <*> by (uid=<*>)", count: 2 }]);
  });

  it("starts a new template when too few tokens agree", () => {
    const miner = new TemplateMiner({ wordVariantLimit: 0 });
    miner.add("session opened for user alice by (uid=0)");
    // 4 of 6 tokens equal < 0.75
    assert.equal(miner.add("session opened for user root by LOGIN(uid=0)").templateId, 1);
  });

  it("never puts messages of different token counts in one template", () => {
    const miner = new TemplateMiner({ similarityThreshold: 0 });
    const ids = ["Connection closed", "Connection closed by peer", "Connection closed by 10.0.0.1 [preauth]"].map(
      (m) => miner.add(m).templateId,
    );
    assert.deepEqual(ids, [0, 1, 2]);
  });

  it("routes on the leading tokens, so messages that start differently never meet", () => {
    const miner = new TemplateMiner({ similarityThreshold: 0 });
    assert.equal(miner.add("cupsd startup succeeded").templateId, 0);
    assert.equal(miner.add("sdpd startup succeeded").templateId, 1);
    assert.equal(miner.add("cupsd shutdown succeeded").templateId, 2);
  });

  it("masks addresses, hex numbers and paths before comparing, so they never count as differences", () => {
    const miner = new TemplateMiner({ similarityThreshold: 1 });
    assert.equal(miner.add("Accepted password for root from 10.0.0.1 port 22 ssh2").templateId, 0);
    assert.equal(miner.add("Accepted password for root from 192.168.1.20 port 51234 ssh2").templateId, 0);
    assert.equal(miner.add("page fault at 0xdeadbeef in /usr/lib/libc.so.6").templateId, 1);
    assert.equal(miner.add("page fault at 0x1f in /opt/app/bin/server").templateId, 1);
    assert.equal(miner.template(0), "Accepted password for root from <*> port <*> ssh2");
    assert.equal(miner.template(1), "page fault at <*> in <*>");
  });

  it("gives small ids in order of creation", () => {
    const miner = new TemplateMiner();
    const ids = ["a b c", "x y", "a b c", "p q r s", "x y"].map((m) => miner.add(m).templateId);
    assert.deepEqual(ids, [0, 1, 0, 2, 1]);
    assert.deepEqual(miner.templates().map((t) => [t.id, t.count]), [[0, 2], [1, 2], [2, 1]]);
  });

  it("matches without learning and returns null for a message it has never seen", () => {
    const miner = new TemplateMiner();
    miner.add("Failed password for root from 10.0.0.1 port 22 ssh2");
    assert.equal(miner.match("Failed password for root from 10.9.9.9 port 4242 ssh2"), 0);
    assert.equal(miner.match("Kernel panic - not syncing: Fatal exception"), null);
    assert.equal(miner.size, 1);
    assert.equal(miner.templates()[0]?.count, 1);
    assert.equal(miner.template(0), "Failed password for root from <*> port <*> ssh2");
  });

  it("gives an empty message its own template", () => {
    const miner = new TemplateMiner();
    assert.deepEqual(miner.add(""), { templateId: 0, template: "" });
    assert.deepEqual(miner.add("   "), { templateId: 0, template: "" });
    assert.equal(miner.add("x").templateId, 1);
  });

  it("shares the <*> branch once a node has maxChildren children", () => {
    const miner = new TemplateMiner({ maxChildren: 2, similarityThreshold: 0.5, wordVariantLimit: 0 });
    // "alpha" takes the one free slot; the last slot is kept for <*>, where beta and gamma both go.
    assert.equal(miner.add("alpha one two").templateId, 0);
    assert.equal(miner.add("beta one two").templateId, 1);
    assert.equal(miner.add("gamma one two").templateId, 1);
    assert.equal(miner.template(1), "<*> one two");
  });

  it("round-trips through toJSON and load with the same ids, templates, counts and answers", () => {
    const miner = new TemplateMiner({ depth: 4, similarityThreshold: 0.5, maxChildren: 3 });
    const messages = [
      "Invalid user admin from 10.0.0.1",
      "Invalid user guest from 10.0.0.2",
      "session closed for user root",
      "alpha one two",
      "beta one two",
      "gamma one two",
      "delta one two",
      "Received disconnect from 10.0.0.1: 11: Bye Bye [preauth]",
    ];
    for (const m of messages) miner.add(m);
    const loaded = TemplateMiner.load(JSON.parse(JSON.stringify(miner.toJSON())) as TemplateMinerJson);
    assert.deepEqual(loaded.templates(), miner.templates());
    assert.deepEqual(loaded.options, miner.options);
    const probes = [...messages, "Invalid user oracle from 10.1.1.1", "epsilon one two", "unknown message"];
    assert.deepEqual(probes.map((m) => loaded.match(m)), probes.map((m) => miner.match(m)));
    assert.deepEqual(probes.map((m) => loaded.add(m)), probes.map((m) => miner.add(m)));
  });

  it("refuses a JSON that is not a saved miner", () => {
    assert.throws(() => TemplateMiner.load({ name: "Other" } as never), TypeError);
  });

  it("fills unset options with the defaults and refuses out-of-range ones", () => {
    assert.deepEqual(new TemplateMiner().options, { ...DEFAULT_TEMPLATE_MINER_OPTIONS, masks: [...DEFAULT_TEMPLATE_MINER_OPTIONS.masks] });
    assert.equal(new TemplateMiner({ depth: 3 }).options.depth, 3);
    assert.throws(() => new TemplateMiner({ depth: 2 }), RangeError);
    assert.throws(() => new TemplateMiner({ similarityThreshold: 1.5 }), RangeError);
    assert.throws(() => new TemplateMiner({ maxChildren: 0 }), RangeError);
  });
});
