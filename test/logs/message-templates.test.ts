import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageTemplates } from "../../lib/logs/message-templates";

describe("MessageTemplates.matching (the second pass after retired ids)", () => {
  it("gives a message the template the final miner matches, mining nothing", () => {
    const templates = new MessageTemplates();
    const first = templates.mineTexts(["worker 1 started job 17", "worker 2 started job 18"]).templateOf;
    const count = templates.templateCount;
    const again = templates.matching().mineTexts(["worker 3 started job 19"]).templateOf;
    assert.equal(again[0], first[1]);
    assert.equal(templates.templateCount, count);
  });

  it("mines a message the final miner no longer matches instead of failing, and the catalog knows its example", () => {
    const templates = new MessageTemplates();
    templates.mineTexts(["worker 1 started job 17"]);
    const count = templates.templateCount;
    const twin = templates.matching();
    const text = "disk quota exceeded on volume home";
    const { templateOf } = twin.mineTexts([text]);
    assert.equal(templates.templateCount, count + 1);
    assert.equal(templateOf[0], count);
    assert.equal(templates.exampleText(count), text);
    // Seen again, it now matches the template it made.
    assert.equal(twin.mineTexts([text]).templateOf[0], count);
  });
});
