import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindows } from "../../lib/logs/extract-windows";
import { MessageTemplates, type TemplateAssigner } from "../../lib/logs/message-templates";
import type { MessageTemplateIds } from "../../lib/logs/message-template-ids";
import type { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import { PendingTemplates } from "../../lib/logs/pending-templates";

const decoder = new TextDecoder();

/**
 * Templates mined elsewhere, answered `lag` pushes after they were given (a mining thread that is
 * behind), and forgotten as the extraction asks, or never.
 */
class LateTemplates implements TemplateAssigner {
  private readonly state = new PendingTemplates();
  private readonly miner = new MessageTemplates();
  private readonly queue: { texts: string[]; age: number }[] = [];
  constructor(
    private readonly lag: number,
    private readonly forgets: boolean,
  ) {}

  get size(): number {
    return this.state.size;
  }
  get ids(): MessageTemplateIds {
    return this.state.ids;
  }
  get pending(): number {
    return this.state.pending;
  }
  assignNew(vocabulary: MessageVocabulary): void {
    for (const batch of this.queue) batch.age++;
    while (this.queue.length > 0 && this.queue[0]!.age >= this.lag) this.answerOldest();
    const batch = this.state.give(vocabulary);
    if (batch !== null) this.queue.push({ texts: batch.views.map((view) => decoder.decode(view)), age: 0 });
  }
  forgetBelow(id: number, held?: Iterable<number>): void {
    if (this.forgets) this.state.forgetBelow(id, held);
  }
  settle(pending: number): Promise<void> {
    while (this.pending > pending && this.queue.length > 0) this.answerOldest();
    return Promise.resolve();
  }
  async complete(): Promise<MessageTemplates> {
    await this.settle(0);
    const { miner, exampleTexts } = this.miner;
    return MessageTemplates.assembled({ miner: miner.toJSON(), examples: exampleTexts, ids: this.state.ids, size: this.state.size });
  }
  private answerOldest(): void {
    const { templateOf, flags } = this.miner.mineTexts(this.queue.shift()?.texts ?? []);
    assert.ok(this.state.answer(templateOf, flags));
  }
}

/** 120,000 lines, 20 a second, of requests never seen twice, logins and jobs that recur now and then. */
function recurringLog(): Uint8Array[] {
  let state = 6;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let lines: string[] = [];
  for (let i = 0; i < 120_000; i++) {
    const t = Math.floor(i / 20);
    const stamp = `Mar  1 ${String(Math.floor(t / 3600) % 24).padStart(2, "0")}:${String(Math.floor(t / 60) % 60).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
    const r = random();
    const message =
      r < 0.6 ? `request ${i} served` : r < 0.7 ? `user u${Math.floor(random() * 3000)} login ok` : `job ${Math.floor(random() * 20000)} done in ${Math.floor(random() * 4)} ms`;
    lines.push(`${stamp} host${Math.floor(random() * 3)} app[2]: ${message}`);
    if (lines.length === 200) {
      chunks.push(encoder.encode(`${lines.join("\n")}\n`));
      lines = [];
    }
  }
  return chunks;
}

describe("an alias waiting for a template mined late", () => {
  it("keeps its first id's template while it waits, though the fingerprints and the known ids have moved past it", async () => {
    // Generations of 2,048 fingerprints and batches answered 20 pushes late: a message seen again
    // after its generation was dropped becomes an alias of an id whose batch is not answered yet.
    const log = recurringLog();
    const options = { year: 2026, window: 60, features: "extended" as const, epochs: { messages: 1500, idleRecords: 150, fingerprints: 2048 }, reread: () => log };
    const kept = await extractWindows(log, { ...options, templateAssigner: () => new LateTemplates(20, false) });
    const forgot = await extractWindows(log, { ...options, templateAssigner: () => new LateTemplates(20, true) });
    assert.deepEqual(forgot.windows, kept.windows);
    assert.deepEqual(forgot.templates, kept.templates);
  });
});
