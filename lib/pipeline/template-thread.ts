// Extended features' templates mined on a second thread while this one parses (issue #12's cost
// bound). Mining is most of what extended features add to a parse: on the 1M-line bench log
// (890k distinct messages) the miner took about 3.5 s of a 5.7 s single-threaded extended parse.
// Messages reach the thread in id order, which is the order the parse met them, so the thread's
// miner sees exactly what MessageTemplates on this thread would: the same templates, ids and flags,
// the same CSV byte for byte (test/pipeline/template-thread.test.ts).
import type { Worker } from "node:worker_threads";
import type { MaskSpec } from "@/lib/logs/formats/types";
import { hasErrorKeyword } from "@/lib/logs/error-keywords";
import { ERROR_KEYWORD, MessageTemplates, withRoom, type TemplateAssigner, type TemplateAssignerFactory } from "@/lib/logs/message-templates";
import type { MessageVocabulary } from "@/lib/logs/message-vocabulary";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { PARALLEL_MIN_BYTES } from "./parallel-parse";
import { pipelineThreads, startWorker, workerSpecFor, type WorkerSpec } from "./worker-spec";

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
  templateOf = new Int32Array(1024);
  flags = new Uint8Array(1024);
  size = 0;
  private given = 0;
  private readonly worker: Worker;
  private waiters: Waiter[] = [];
  private failure: Error | null = null;
  private finishing: { resolve: (reply: Done) => void; reject: (error: Error) => void } | null = null;
  // The thread ends by itself once it sent "done", and close() ends it: neither exit is a failure.
  private ended = false;

  constructor(spec: WorkerSpec, task: TemplateThreadTask) {
    this.worker = startWorker(spec, task);
    this.worker.on("message", (reply: TemplateThreadReply) => this.take(reply));
    this.worker.once("error", (error) => this.fail(error));
    this.worker.once("exit", (code) => this.fail(new Error(`the template-mining thread exited with code ${code}`)));
  }

  get pending(): number {
    return this.given - this.size;
  }

  assignNew(vocabulary: MessageVocabulary): void {
    const size = vocabulary.size;
    if (size <= this.given) return;
    const views = new Array<Uint8Array>(size - this.given);
    const ends = new Int32Array(size - this.given);
    this.grow(size);
    // Error words are flagged here: mining outlasts the parse, so the thread sheds that work.
    const flags = this.flags;
    let total = 0;
    for (let id = this.given; id < size; id++) {
      const view = vocabulary.bytesOf(id);
      views[id - this.given] = view;
      ends[id - this.given] = total += view.length;
      flags[id] = hasErrorKeyword(vocabulary.text(id)) ? ERROR_KEYWORD : 0;
    }
    const bytes = new Uint8Array(total);
    for (let k = 0, at = 0; k < views.length; k++) {
      bytes.set(views[k]!, at);
      at += views[k]!.length;
    }
    this.given = size;
    this.worker.postMessage({ kind: "bytes", bytes, ends } satisfies TemplateThreadMessage, [bytes.buffer, ends.buffer]);
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
    return MessageTemplates.assembled({ miner, examples, templateOf: this.templateOf, flags: this.flags, size: this.size });
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
    const n = reply.templateOf.length;
    this.grow(this.size + n);
    const { flags, size } = this;
    this.templateOf.set(reply.templateOf, size);
    for (let k = 0; k < n; k++) flags[size + k] = flags[size + k]! | reply.flags[k]!;
    this.size += n;
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

  private grow(size: number): void {
    const room = withRoom(this, size);
    this.templateOf = room.templateOf;
    this.flags = room.flags;
  }
}
