import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "../../../lib/domain/user-input-error";
import { compileMasks } from "../../../lib/logs/templates/custom-masks";
import { TemplateMiner } from "../../../lib/logs/templates/template-miner";

describe("compileMasks", () => {
  it("replaces every match of each mask in turn by <NAME>, or <*> without a name", () => {
    const apply = compileMasks([{ pattern: String.raw`blk_-?\d+`, name: "BLOCK" }, { pattern: String.raw`(\d+\.){3}\d+(:\d+)?` }]);
    assert.equal(apply?.("blk_1 and blk_-2 from 10.0.0.1:50010"), "<BLOCK> and <BLOCK> from <*>");
    // The regexes are global and kept between calls: a second message starts from its beginning.
    assert.equal(apply?.("blk_3"), "<BLOCK>");
  });

  it("is null without masks, so that mining costs nothing more", () => {
    assert.equal(compileMasks([]), null);
  });

  it("accepts logparser's presets as written, escapes that Unicode mode refuses included", () => {
    assert.equal(compileMasks([{ pattern: String.raw`\b(\-?\+?\d+)\b` }])?.("x -1 +2 3"), "x -<*> +<*> <*>");
  });

  it("refuses an invalid regex, one that matches the empty string and an odd name with one sentence", () => {
    assert.throws(() => compileMasks([{ pattern: "(" }]), (e: unknown) => e instanceof UserInputError && /^--mask "\(" is not a valid regular expression: /.test(e.message));
    assert.throws(() => compileMasks([{ pattern: String.raw`\d*` }]), (e: unknown) => e instanceof UserInputError && /matches the empty string/.test(e.message));
    assert.throws(() => compileMasks([{ pattern: "x", name: "a b" }]), UserInputError);
  });
});

describe("TemplateMiner with custom masks", () => {
  it("masks before mining, saves the masks with the miner and tokenizes alike only with the same masks", () => {
    const masks = [{ pattern: String.raw`core\.\d+`, name: "CORE" }];
    const miner = new TemplateMiner({ customMasks: masks });
    assert.equal(miner.add("generating core.2275").template, "generating <CORE>");
    assert.equal(miner.add("generating core.862").templateId, 0);
    const loaded = TemplateMiner.load(JSON.parse(JSON.stringify(miner.toJSON())) as ReturnType<TemplateMiner["toJSON"]>);
    assert.deepEqual(loaded.options.customMasks, masks);
    assert.equal(loaded.match("generating core.1"), 0);
    assert.ok(loaded.tokenizesLike(miner));
    assert.equal(new TemplateMiner().tokenizesLike(miner), false);
  });
});
