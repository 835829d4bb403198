import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateLogs, planGeneration } from "../../lib/generate";
import { extractWindows } from "../../lib/logs/extract-windows";
import { MAX_PENDING_TEMPLATES } from "../../lib/logs/log-extractor";
import { MessageTemplates, type TemplateAssigner } from "../../lib/logs/message-templates";
import type { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import type { MessageTemplateIds } from "../../lib/logs/message-template-ids";
import { PendingTemplates } from "../../lib/logs/pending-templates";
import type { ExtractOptions } from "../../lib/logs/types";
import { syslogChunks } from "./syslog-chunks";

/**
 * Stands in for a miner on another thread that is always behind: it takes the texts when given
 * (the vocabulary forgets them at its next compaction) but assigns them only when waited for, or
 * each batch `behind` pushes after it was given. `forgets: false` ignores forgetBelow.
 */
class LaggingTemplates implements TemplateAssigner {
  private readonly miner = new MessageTemplates();
  private readonly state = new PendingTemplates();
  private readonly queue: { texts: string[]; age: number }[] = [];
  settles = 0;

  constructor(
    private readonly behind = 3,
    private readonly forgets = true,
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
    // The miner runs, but `behind` pushes behind the parse.
    for (const waiting of this.queue) waiting.age++;
    while (this.queue.length > 0 && this.queue[0]!.age > this.behind) this.mineOldest();
    const batch = this.state.give(vocabulary);
    if (batch !== null) this.queue.push({ texts: batch.views.map((view) => decoder.decode(view)), age: 0 });
  }

  forgetBelow(id: number, held?: Iterable<number>): void {
    if (this.forgets) this.state.forgetBelow(id, held);
  }

  settle(pending: number): Promise<void> {
    this.settles++;
    while (this.pending > pending) this.mineOldest();
    return Promise.resolve();
  }

  async complete(): Promise<MessageTemplates> {
    await this.settle(0);
    const { miner, exampleTexts } = this.miner;
    return MessageTemplates.assembled({ miner: miner.toJSON(), examples: exampleTexts, ids: this.state.ids, size: this.state.size });
  }

  private mineOldest(): void {
    const { templateOf, flags } = this.miner.mineTexts(this.queue.shift()?.texts ?? []);
    assert.ok(this.state.answer(templateOf, flags));
  }
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

function chunksOf(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

describe("templates assigned later than the parse", () => {
  const chunks = generateLogs(planGeneration({ lines: 12_000, seed: 8, hosts: 5 }));
  const parts: string[] = [];
  for (let step = chunks.next(); !step.done; step = chunks.next()) parts.push(step.value);
  const text = parts.join("");
  const options: ExtractOptions = { year: 2024, window: 60, features: "extended" };

  it("give a bounded extraction the windows and templates of mining as the chunks come, though windows close before their templates exist", async () => {
    const here = await extractWindows(chunksOf(text, 8191), options);
    const lagging = new LaggingTemplates();
    const later = await extractWindows(chunksOf(text, 8191), {
      ...options,
      templateAssigner: () => lagging,
      epochs: { messages: 200, idleRecords: 30 },
      reread: () => chunksOf(text, 4093),
    });
    assert.deepEqual(later.windows, here.windows);
    assert.deepEqual(later.templates, here.templates);
    // Nothing waited for the miner but the end: compactions went ahead of it.
    assert.equal(lagging.settles, 1);
  });

  it("wait for the miner once more than MAX_PENDING_TEMPLATES messages are in flight", async () => {
    const lagging = new LaggingTemplates();
    // One chunk brings every message at once: far more than may wait.
    const bulky = Array.from({ length: MAX_PENDING_TEMPLATES + 10 }, (_, i) => `Jan  1 00:00:${String(i % 60).padStart(2, "0")} host app[1]: event ${i} done`).join("\n");
    await extractWindows([new TextEncoder().encode(bulky), new TextEncoder().encode("\n")], { ...options, templateAssigner: () => lagging });
    assert.ok(lagging.settles >= 2, `waited ${lagging.settles} times`);
  });
});

/** 120,000 lines, 20 a second, of requests never seen twice, logins and jobs that recur now and then. */
function recurringLog(): Uint8Array[] {
  let state = 6;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return syslogChunks(120_000, 20, 200, (i) => {
    const r = random();
    const message =
      r < 0.6 ? `request ${i} served` : r < 0.7 ? `user u${Math.floor(random() * 3000)} login ok` : `job ${Math.floor(random() * 20000)} done in ${Math.floor(random() * 4)} ms`;
    return `host${Math.floor(random() * 3)} app[2]: ${message}`;
  });
}

describe("an alias waiting for a template mined late", () => {
  it("keeps its first id's template while it waits, though the fingerprints and the known ids have moved past it", async () => {
    // Generations of 2,048 fingerprints and a miner 20 pushes behind: a message seen again
    // after its generation was dropped becomes an alias of an id whose batch is not answered yet.
    const log = recurringLog();
    const options = { year: 2026, window: 60, features: "extended" as const, epochs: { messages: 1500, idleRecords: 150, fingerprints: 2048 }, reread: () => log };
    const kept = await extractWindows(log, { ...options, templateAssigner: () => new LaggingTemplates(19, false) });
    const forgot = await extractWindows(log, { ...options, templateAssigner: () => new LaggingTemplates(19, true) });
    assert.deepEqual(forgot.windows, kept.windows);
    assert.deepEqual(forgot.templates, kept.templates);
  });
});
