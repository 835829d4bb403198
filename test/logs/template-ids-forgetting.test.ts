import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindows } from "../../lib/logs/extract-windows";
import { MessageTemplates, type TemplateAssigner } from "../../lib/logs/message-templates";
import type { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import type { MessageTemplateIds } from "../../lib/logs/message-template-ids";
import { syslogChunks } from "./syslog-chunks";

/** MessageTemplates that counts the id chunks it holds after forgetting, at most, and may refuse to forget. */
class CountingTemplates implements TemplateAssigner {
  private readonly inner = new MessageTemplates();
  mostChunks = 0;
  constructor(private readonly forgets: boolean) {}

  get size(): number {
    return this.inner.size;
  }
  get ids(): MessageTemplateIds {
    return this.inner.ids;
  }
  get pending(): number {
    return 0;
  }
  assignNew(vocabulary: MessageVocabulary): void {
    this.inner.assignNew(vocabulary);
  }
  forgetBelow(id: number, held?: Iterable<number>): void {
    if (this.forgets) this.inner.forgetBelow(id, held);
    this.mostChunks = Math.max(this.mostChunks, this.inner.ids.heldChunks);
  }
  settle(): Promise<void> {
    return Promise.resolve();
  }
  complete(): Promise<MessageTemplates> {
    return Promise.resolve(this.inner);
  }
}

/**
 * 400,000 lines, 100 a second: a heartbeat in every 4th line (so in every running window, for the
 * whole log) and otherwise a message never seen before. Ids come in chunks of 65,536.
 */
function heartbeatLog(): Uint8Array[] {
  return syslogChunks(400_000, 100, 10_000, (i) => (i % 4 === 0 ? "host cron[1]: heartbeat ok" : `host app[2]: request ${i} served`));
}

describe("forgetting template ids in a bounded extraction", () => {
  it("gives back the ids of messages no window holds any more, even while one message is in every window", async () => {
    const log = heartbeatLog();
    // A bounded extraction (one that could read the log again) compacts its epochs.
    const options = { year: 2026, window: 60, features: "extended" as const, epochs: { messages: 20_000, idleRecords: 500, fingerprints: 16_384 }, reread: () => log };
    const keeping = new CountingTemplates(false);
    const forgetting = new CountingTemplates(true);
    const kept = await extractWindows(log, { ...options, templateAssigner: () => keeping });
    const forgot = await extractWindows(log, { ...options, templateAssigner: () => forgetting });
    assert.deepEqual(forgot.windows, kept.windows);
    assert.deepEqual(forgot.templates, kept.templates);
    // 300,001 distinct messages are 5 chunks of ids. Forgetting, the heartbeat's first id keeps
    // chunk 0, and the last two fingerprint generations (32,768 ids) span at most 2 chunks more.
    assert.equal(keeping.ids.heldChunks, 5);
    assert.ok(forgetting.mostChunks <= 3, `held ${forgetting.mostChunks} chunks at most`);
    assert.ok(forgetting.ids.templateOf(0) >= 0, "the heartbeat's template is still known");
  });
});
