import { hasErrorKeyword } from "./error-keywords";
import type { MessageVocabulary } from "./message-vocabulary";
import { TemplateMiner } from "./templates/template-miner";
import type { TemplateMinerJson } from "./templates/types";
import type { MaskSpec } from "./formats/types";

/** Bits of `MessageTemplates.flags`. */
export const UNSEEN_TEMPLATE = 1;
export const ERROR_KEYWORD = 2;

// tsx runs each file as CommonJS, where every use of an imported name is a getter call; code that
// runs per message uses a local copy.
const hasErrorWord = hasErrorKeyword;

/**
 * Template assignment as the extractor drives it: here, message by message (MessageTemplates), or
 * on another thread while this one parses (lib/pipeline/template-thread.ts), which takes most of
 * the extended features' cost off the parse.
 */
export interface TemplateAssigner {
  /** Messages whose template id and flags are known (ids 0 to size - 1). */
  readonly size: number;
  readonly templateOf: Int32Array;
  readonly flags: Uint8Array;
  /** Messages given to assignNew whose templates are not known yet. */
  readonly pending: number;
  /** Gives every message `vocabulary` holds that was not given yet. */
  assignNew(vocabulary: MessageVocabulary): void;
  /** Resolves once at most `pending` messages wait. */
  settle(pending: number): Promise<void>;
  /** Resolves once every message given is assigned, with the final templates finishTallies reads. */
  complete(): Promise<MessageTemplates>;
}

/** Makes the assigner of one extraction: the trained miner (predict) and the format's masks. */
export type TemplateAssignerFactory = (trained: TemplateMinerJson | undefined, masks: readonly MaskSpec[]) => TemplateAssigner;

/**
 * What the extended features need of each distinct message, worked out once per message (never
 * per line): its template id, whether the training run's miner knows its template, whether it holds
 * an error word. Messages are fed to a fresh Drain miner (default options) in id order, which is
 * the order they first occur in the log. A message's template id is the one it got when it was
 * added; windows resolve it when they are finished (finishTallies): the miner keeps word variants
 * (`session opened for user alice` / `bob`) apart until one too many arrives and then merges them
 * (`resolve(id)`), and the features must count one template per event, as the final miner (the one
 * a model saves) sees it, not as it stood when the message went by.
 */
export class MessageTemplates implements TemplateAssigner {
  readonly miner: TemplateMiner;
  private readonly trained: TemplateMiner | null;
  // Tokens are most of the miner's cost: tokenize once for both miners when they mask alike.
  private readonly shareTokens: boolean;
  /** Template id of each message assigned so far. */
  templateOf = new Int32Array(1024);
  /** UNSEEN_TEMPLATE | ERROR_KEYWORD per message. */
  flags = new Uint8Array(1024);
  /**
   * The text of the message that created each template (the first one mined into it): kept here
   * because a bounded extraction forgets message texts (message-vocabulary.ts).
   */
  private readonly examples: string[] = [];
  private assigned = 0;

  /** `customMasks`: the log format's masks and the analyst's `--mask`s (docs/pipeline.md §1b), applied before mining. */
  constructor(trained?: TemplateMinerJson, customMasks: readonly MaskSpec[] = [], miner?: TemplateMiner) {
    this.miner = miner ?? new TemplateMiner(customMasks.length === 0 ? {} : { customMasks });
    this.trained = trained === undefined ? null : TemplateMiner.load(trained);
    this.shareTokens = this.trained !== null && this.trained.tokenizesLike(this.miner);
  }

  /** Messages assigned so far (ids 0 to this - 1). */
  get size(): number {
    return this.assigned;
  }

  /** Number of templates mined so far. */
  get templateCount(): number {
    return this.miner.size;
  }

  /** The first message mined into template `id`. */
  exampleText(id: number): string {
    const text = this.examples[id];
    if (text === undefined) throw new RangeError(`no template with id ${id}`);
    return text;
  }

  /** Assign every message the vocabulary holds and this has not seen yet; cheap to call often. */
  assignNew(vocabulary: MessageVocabulary): void {
    const size = vocabulary.size;
    if (size <= this.assigned) return;
    this.grow(size);
    for (let id = this.assigned; id < size; id++) this.assignOne(id, vocabulary.text(id), true);
    this.assigned = size;
  }

  /**
   * The next `texts.length` messages in id order (the texts a vocabulary gave another thread, see
   * TemplateAssigner); the same as assignNew on a vocabulary holding them, but that `errorWords`
   * false leaves ERROR_KEYWORD to the caller.
   */
  assignTexts(texts: readonly string[], options: { errorWords: boolean } = { errorWords: true }): void {
    const first = this.assigned;
    this.grow(first + texts.length);
    for (let k = 0; k < texts.length; k++) this.assignOne(first + k, texts[k]!, options.errorWords);
    this.assigned = first + texts.length;
  }

  /** Nothing waits elsewhere: every message given is assigned. */
  get pending(): number {
    return 0;
  }

  settle(): Promise<void> {
    return Promise.resolve();
  }

  complete(): Promise<MessageTemplates> {
    return Promise.resolve(this);
  }

  /** The examples of the templates, in template id order (what another thread sends back). */
  get exampleTexts(): readonly string[] {
    return this.examples;
  }

  /**
   * Templates assigned on another thread, put together here once it is done: its miner (saved and
   * loaded, which rebuilds the same tree), the examples, and the ids and flags it sent on the way.
   */
  static assembled(parts: { miner: TemplateMinerJson; examples: readonly string[]; templateOf: Int32Array<ArrayBuffer>; flags: Uint8Array<ArrayBuffer>; size: number }): MessageTemplates {
    const templates = new MessageTemplates(undefined, [], TemplateMiner.load(parts.miner));
    for (const text of parts.examples) templates.examples.push(text);
    templates.templateOf = parts.templateOf;
    templates.flags = parts.flags;
    templates.assigned = parts.size;
    return templates;
  }

  private assignOne(id: number, text: string, errorWords: boolean): void {
    const { miner, trained, shareTokens } = this;
    let flag = errorWords && hasErrorWord(text) ? ERROR_KEYWORD : 0;
    const tokens = miner.tokenize(text);
    // Match before adding: `addTokens` keeps the array and may generalise it later.
    if (trained !== null && (shareTokens ? trained.matchTokens(tokens) : trained.match(text)) === null) {
      flag |= UNSEEN_TEMPLATE;
    }
    const templateId = miner.addTokens(tokens).templateId;
    if (templateId === this.examples.length) this.examples.push(text);
    this.templateOf[id] = templateId;
    this.flags[id] = flag;
  }

  private grow(size: number): void {
    const room = withRoom(this, size);
    this.templateOf = room.templateOf;
    this.flags = room.flags;
  }
}

/** Template ids and flags per message with room for `size` messages (doubling), the assigned ones kept. */
export function withRoom(
  arrays: { templateOf: Int32Array<ArrayBuffer>; flags: Uint8Array<ArrayBuffer> }, size: number,
): { templateOf: Int32Array<ArrayBuffer>; flags: Uint8Array<ArrayBuffer> } {
  if (size <= arrays.templateOf.length) return arrays;
  const capacity = Math.max(size, arrays.templateOf.length * 2);
  const templateOf = new Int32Array(capacity);
  templateOf.set(arrays.templateOf);
  const flags = new Uint8Array(capacity);
  flags.set(arrays.flags);
  return { templateOf, flags };
}
