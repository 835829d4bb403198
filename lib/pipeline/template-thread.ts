// Extended features' templates mined on a second thread while this one parses (issue #12's cost
// bound). Mining is most of what extended features add to a parse: on the 1M-line bench log
// (890k distinct messages) the miner took about 3.5 s of a 5.7 s single-threaded extended parse.
// Messages reach the thread in id order, which is the order the parse met them, so the thread's
// miner sees exactly what MessageTemplates on this thread would: the same templates, ids and flags,
// the same CSV byte for byte (test/pipeline/template-thread.test.ts).
import type { Worker } from "node:worker_threads";
import { MINING_SEMI_SPACE_MIB } from "@/lib/config/pipeline-memory";
import type { MaskSpec } from "@/lib/logs/formats/types";
import { MessageTemplates, type TemplateAssigner, type TemplateAssignerFactory } from "@/lib/logs/message-templates";
import type { MessageTemplateIds } from "@/lib/logs/message-template-ids";
import { packBatch, PendingTemplates } from "@/lib/logs/pending-templates";
import type { MessageVocabulary } from "@/lib/logs/message-vocabulary";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { PARALLEL_MIN_BYTES } from "./parallel-parse";
import { pipelineThreads, startWorker, workerSpecFor, type WorkerSpec } from "./worker-spec";
import { startWithSemiSpace } from "./young-generation";

export interface TemplateThreadTask {
  trained?: TemplateMinerJson;
  masks: readonly MaskSpec[];
}

/**
 * A batch of messages as their UTF-8 bytes end to end, message k at bytes ends[k-1]..ends[k]: both
 * buffers are transferred, not copied. Measured on the bench log, posting the texts as strings
 * cost more in cloning on both threads than the second thread saved.
 */
export type TemplateThreadMessage = { kind: "bytes"; bytes: Uint8Array<ArrayBuffer>; ends: Int32Array<ArrayBuffer> } | { kind: "finish" };

export type TemplateThreadReply =
  | { kind: "assigned"; templateOf: Int32Array<ArrayBuffer>; flags: Uint8Array<ArrayBuffer> }
  | { kind: "done"; miner: TemplateMinerJson; examples: string[] };

/** The mining thread's module (dist/template-thread-worker.cjs beside the bundle), or null. */
export function templateWorkerSpec(self: string = __filename): WorkerSpec | null {
  return workerSpecFor("template-thread-worker", self);
}

/** One extraction's mining thread: the assigner factory to give it, and `close` for afterwards. */
export interface TemplateThread {
  assigner: TemplateAssignerFactory;
  /** Stops the thread if it still runs (the extraction failed or was aborted). */
  close(): void;
}

/**
 * A mining thread for an extended extraction of `size` bytes, or null where mining stays on the
 * parsing thread: one thread asked for or one core (nothing to overlap), a log below
 * PARALLEL_MIN_BYTES (a cold thread costs more than it saves), or no worker module.
 */
export function templateThreadFor(size: number, options: { threads?: number; minBytes?: number }): TemplateThread | null {
  const threads = pipelineThreads(options.threads);
  const spec = templateWorkerSpec();
  if (threads < 2 || size < (options.minBytes ?? PARALLEL_MIN_BYTES) || spec === null) return null;
  let started: ThreadTemplates | null = null;
  return {
    assigner: (trained, masks) => {
      started?.close();
      started = new ThreadTemplates(spec, { trained, masks });
      return started;
    },
    close: () => started?.close(),
  };
}

type Waiter = { pending: number; resolve: () => void; reject: (error: Error) => void };
type Done = Extract<TemplateThreadReply, { kind: "done" }>;

/** TemplateAssigner whose mining runs on a worker thread; see template-thread.ts's header. */
class ThreadTemplates implements TemplateAssigner {
  private state = new PendingTemplates();
  private readonly worker: Worker;
  private waiters: Waiter[] = [];
  private failure: Error | null = null;
  private finishing: { resolve: (reply: Done) => void; reject: (error: Error) => void } | null = null;
  // The thread ends by itself once it sent "done", and close() ends it: neither exit is a failure.
  private ended = false;

  constructor(spec: WorkerSpec, task: TemplateThreadTask) {
    this.worker = startWithSemiSpace(MINING_SEMI_SPACE_MIB, () => startWorker(spec, task));
    this.worker.on("message", (reply: TemplateThreadReply) => this.take(reply));
    this.worker.once("error", (error) => this.fail(error));
    this.worker.once("exit", (code) => this.fail(new Error(`the template-mining thread exited with code ${code}`)));
  }

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
    const batch = this.state.give(vocabulary);
    if (batch !== null) {
      const { bytes, ends } = packBatch(batch);
      this.worker.postMessage({ kind: "bytes", bytes, ends } satisfies TemplateThreadMessage, [bytes.buffer, ends.buffer]);
    }
    this.wake();
  }

  forgetBelow(id: number, held?: Iterable<number>): void {
    this.state.forgetBelow(id, held);
  }

  settle(pending: number): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending <= pending) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ pending, resolve, reject }));
  }

  async complete(): Promise<MessageTemplates> {
    await this.settle(0);
    const done = new Promise<Done>((resolve, reject) => (this.finishing = { resolve, reject }));
    this.worker.postMessage({ kind: "finish" } satisfies TemplateThreadMessage);
    const { miner, examples } = await done;
    const assembled = MessageTemplates.assembled({ miner, examples, ids: this.state.ids, size: this.state.size });
    // The message ids go with the result. The thread's listeners hold this object until its exit
    // has been handled, which came after the training had started on the 10M-line bench log: the
    // ids were 43 MiB of it (a heap snapshot after the parse's collections).
    this.state = new PendingTemplates();
    return assembled;
  }

  close(): void {
    this.ended = true;
    void this.worker.terminate();
  }

  private take(reply: TemplateThreadReply): void {
    if (reply.kind === "done") {
      this.ended = true;
      this.finishing?.resolve(reply);
      this.finishing = null;
      return;
    }
    if (!this.state.answer(reply.templateOf, reply.flags)) {
      this.fail(new Error("the template-mining thread answered a batch it was not given"));
      return;
    }
    this.wake();
  }

  /** Resolves the waiters that few enough messages are pending for now. */
  private wake(): void {
    const waiting = this.waiters;
    this.waiters = waiting.filter((w) => this.pending > w.pending);
    for (const w of waiting) if (this.pending <= w.pending) w.resolve();
  }

  private fail(error: Error): void {
    if (this.ended || this.failure !== null) return;
    this.failure = error;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(error);
    this.finishing?.reject(error);
    this.finishing = null;
  }
}
