import type { MessageVocabulary } from "./message-vocabulary";
import { TemplateMiner } from "./templates/template-miner";
import type { TemplateMinerJson } from "./templates/types";
import type { MaskSpec } from "./formats/types";
import { MessageTemplateIds } from "./message-template-ids";

/** Bits of `MessageTemplates.flags`. */
export const UNSEEN_TEMPLATE = 1;
export const ERROR_KEYWORD = 2;

/**
 * Template assignment as the extractor drives it: here, message by message (MessageTemplates), or
 * on another thread while this one parses (lib/pipeline/template-thread.ts), which takes most of
 * the extended features' cost off the parse.
 */
export interface TemplateAssigner {
  /** Messages whose template id and flags are known (ids 0 to size - 1, less those forgotten). */
  readonly size: number;
  readonly ids: MessageTemplateIds;
  /** Messages given to assignNew whose templates are not known yet. */
  readonly pending: number;
  /**
   * Gives every message `vocabulary` holds that was not given yet. An alias (a message seen again
   * after its id was retired, message-fingerprints.ts) takes its first id's template and flags.
   */
  assignNew(vocabulary: MessageVocabulary): void;
  /** Forgets the template ids and flags of messages below `id` but `held` (no other is named again). */
  forgetBelow(id: number, held?: Iterable<number>): void;
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
  private trained: TemplateMiner | null;
  // Tokens are most of the miner's cost: tokenize once for both miners when they mask alike.
  private shareTokens: boolean;
  /** True for `matching()`: templates are what the miner matches; only a message it does not match is mined. */
  private matchOnly = false;
  /** Template id and UNSEEN_TEMPLATE | ERROR_KEYWORD of each message assigned so far. */
  ids = new MessageTemplateIds();
  /**
   * The text of the message that created each template (the first one mined into it): kept here
   * because a bounded extraction forgets message texts (message-vocabulary.ts).
   */
  private examples: string[] = [];
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
    const ids = this.ids;
    for (let id = this.assigned; id < size; id++) {
      const source = vocabulary.takeAlias(id);
      if (source >= 0) ids.set(id, ids.templateOf(source), ids.flagsOf(source));
      else ids.set(id, this.mineOne(vocabulary.text(id)), this.lastFlag | (vocabulary.errorWord(id) ? ERROR_KEYWORD : 0));
    }
    this.assigned = Math.max(this.assigned, size);
  }

  /**
   * Mines the next messages (texts another thread's vocabulary sent, see TemplateAssigner) without
   * keeping them: their template ids and flags, ERROR_KEYWORD left to the sender.
   */
  mineTexts(texts: readonly string[]): { templateOf: Int32Array<ArrayBuffer>; flags: Uint8Array<ArrayBuffer> } {
    const templateOf = new Int32Array(texts.length);
    const flags = new Uint8Array(texts.length);
    for (let k = 0; k < texts.length; k++) {
      templateOf[k] = this.mineOne(texts[k]!);
      flags[k] = this.lastFlag;
    }
    return { templateOf, flags };
  }

  /**
   * The same miner, for a second pass over the log after the first retired message
   * ids (message-fingerprints.ts), so the second pass's ids cannot be the first's: each message
   * gets the template the final miner matches, almost always the one that took it when it was
   * mined (a template is generalised to cover every message it takes), and its flags afresh. One it
   * no longer matches is mined again (mineOne).
   */
  matching(): MessageTemplates {
    const twin = new MessageTemplates(undefined, [], this.miner);
    twin.trained = this.trained;
    twin.shareTokens = this.shareTokens;
    twin.matchOnly = true;
    // Shared, not copied: a template the second pass mines is in the miner both hold, and the
    // first pass's catalog (finishTallies) asks this one for its example.
    twin.examples = this.examples;
    return twin;
  }

  /** Whether this assigns by matching only (`matching()`). */
  get matches(): boolean {
    return this.matchOnly;
  }

  /** Forgets the template ids and flags of messages below `id` but `held` (ExtractionEpochs). */
  forgetBelow(id: number, held?: Iterable<number>): void {
    this.ids.forgetBelow(id, held);
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
  static assembled(parts: { miner: TemplateMinerJson; examples: readonly string[]; ids: MessageTemplateIds; size: number }): MessageTemplates {
    const templates = new MessageTemplates(undefined, [], TemplateMiner.load(parts.miner));
    for (const text of parts.examples) templates.examples.push(text);
    templates.ids = parts.ids;
    templates.assigned = parts.size;
    return templates;
  }

  // The flag of the message mineOne mined last.
  private lastFlag = 0;

  /** Mines one message: its template id, and UNSEEN_TEMPLATE in lastFlag (error words are the vocabulary's). */
  private mineOne(text: string): number {
    const { miner, trained, shareTokens } = this;
    let flag = 0;
    const tokens = miner.tokenize(text);
    // Match before adding: `addTokens` keeps the array and may generalise it later.
    if (trained !== null && (shareTokens ? trained.matchTokens(tokens) : trained.match(text)) === null) {
      flag |= UNSEEN_TEMPLATE;
    }
    if (this.matchOnly) {
      const matched = miner.matchTokens(tokens);
      this.lastFlag = flag;
      if (matched !== null) return miner.resolve(matched);
      // Rare: the template that took this message in the first pass was generalised past it, or
      // its tokens now route elsewhere in the tree. It is mined again, as the first pass would have
      // mined it, so the run goes on and the miner saved with the model knows it (it threw here).
    }
    const templateId = miner.addTokens(tokens).templateId;
    if (templateId === this.examples.length) this.examples.push(text);
    this.lastFlag = flag;
    return templateId;
  }
}
