import { ERROR_KEYWORD } from "./message-templates";
import { MessageTemplateIds } from "./message-template-ids";
import type { MessageVocabulary } from "./message-vocabulary";

/** Messages to mine, in id order: their ids and UTF-8 bytes (views to copy before the next compaction). */
export interface MiningBatch {
  ids: Int32Array;
  views: Uint8Array[];
  bytes: number;
}

/**
 * Messages one `give` took, up to id `to` (exclusive): the batch sent to be mined (null when every
 * message was an alias) and the aliases whose first id was not known yet, as [id, first id] pairs.
 */
interface GivenRange {
  to: number;
  sent: Int32Array | null;
  answered: boolean;
  aliases: number[];
}

/**
 * The bookkeeping of templates mined elsewhere (another thread, lib/pipeline/template-thread.ts),
 * answered batch by batch in the order the batches were given:
 * - every new message of the vocabulary is given once, in id order; error words are flagged here;
 * - an alias (a message seen again after its id was retired, message-fingerprints.ts) is not mined
 *   again but takes its first id's template and flags, at once when that is known, else when its
 *   range becomes known;
 * - ids become known in order: `size` is the first id whose template is not known yet.
 */
export class PendingTemplates {
  readonly ids = new MessageTemplateIds();
  /** Messages whose templates are known: ids below this. */
  size = 0;
  private given = 0;
  // In id order; the first is the next to become known.
  private ranges: GivenRange[] = [];

  /** Messages given whose templates are not known yet. */
  get pending(): number {
    return this.given - this.size;
  }

  /** Takes the vocabulary's messages not given yet: the batch to mine, or null when none needs mining. */
  give(vocabulary: MessageVocabulary): MiningBatch | null {
    const size = vocabulary.size;
    if (size <= this.given) return null;
    const ids = this.ids;
    const views: Uint8Array[] = [];
    const sent: number[] = [];
    const aliases: number[] = [];
    let bytes = 0;
    for (let id = this.given; id < size; id++) {
      const source = vocabulary.takeAlias(id);
      if (source >= 0) {
        if (source < this.size) ids.set(id, ids.templateOf(source), ids.flagsOf(source));
        else aliases.push(id, source);
        continue;
      }
      const view = vocabulary.bytesOf(id);
      views.push(view);
      sent.push(id);
      bytes += view.length;
      // Flagged here: mining outlasts the parse, so the miner's side sheds this work.
      ids.set(id, 0, vocabulary.errorWord(id) ? ERROR_KEYWORD : 0);
    }
    this.given = size;
    const batch = sent.length === 0 ? null : Int32Array.from(sent);
    this.ranges.push({ to: size, sent: batch, answered: false, aliases });
    this.advance();
    return batch === null ? null : { ids: batch, views, bytes };
  }

  /** The templates and flags of the oldest batch not answered yet; false when no batch of that size waits. */
  answer(templateOf: ArrayLike<number>, flags: ArrayLike<number>): boolean {
    const range = this.ranges.find((r) => r.sent !== null && !r.answered);
    if (range === undefined || range.sent === null || range.sent.length !== templateOf.length) return false;
    const ids = this.ids;
    range.sent.forEach((id, k) => ids.set(id, templateOf[k]!, ids.flagsOf(id) | flags[k]!));
    range.answered = true;
    this.advance();
    return true;
  }

  /**
   * Forgets the templates of ids below `id` but `held`, and never one an alias still waits for: an
   * alias given before its first id was known waits in its range, and by the time that range is
   * known the first id can be below both `size` and the fingerprints' oldest id.
   */
  forgetBelow(id: number, held: Iterable<number> = []): void {
    this.ids.forgetBelow(Math.min(id, this.size), this.withAliasSources(held));
  }

  private *withAliasSources(held: Iterable<number>): Generator<number> {
    yield* held;
    for (const range of this.ranges) for (let k = 1; k < range.aliases.length; k += 2) yield range.aliases[k]!;
  }

  /** Makes known, in id order, every range whose batch was answered (or had none). */
  private advance(): void {
    const ids = this.ids;
    let done = 0;
    for (const range of this.ranges) {
      if (range.sent !== null && !range.answered) break;
      // An alias's first id is lower, so known by now: ranges become known in order.
      for (let k = 0; k < range.aliases.length; k += 2) {
        const source = range.aliases[k + 1]!;
        ids.set(range.aliases[k]!, ids.templateOf(source), ids.flagsOf(source));
      }
      this.size = range.to;
      done++;
    }
    if (done > 0) this.ranges = this.ranges.slice(done);
  }
}

/** A batch's bytes end to end and where each message ends (what crosses to another thread). */
export function packBatch(batch: MiningBatch): { bytes: Uint8Array<ArrayBuffer>; ends: Int32Array<ArrayBuffer> } {
  const bytes = new Uint8Array(batch.bytes);
  const ends = new Int32Array(batch.views.length);
  for (let k = 0, at = 0; k < batch.views.length; k++) {
    bytes.set(batch.views[k]!, at);
    ends[k] = at += batch.views[k]!.length;
  }
  return { bytes, ends };
}
