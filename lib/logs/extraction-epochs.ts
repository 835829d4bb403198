import { MessageList } from "./message-list";
import { lastMessageId, resolveTemplates, TallyScratch, tallyWindow, type TemplateIds, type WindowTally } from "./template-features";
import type { WindowAccumulator } from "./window-accumulator";
import type { WindowGrouper } from "./window-grouper";

/**
 * A bounded extraction compacts its message vocabulary once it holds this many messages: about
 * 12 MB of text, tables and token ranges on syslog-sized messages. Smaller costs more compactions
 * (each copies the running windows' messages); larger holds more, and leaves more garbage.
 */
export const DEFAULT_EPOCH_MESSAGES = 1 << 16;
/**
 * A window that got no record in this many records is closed at the next compaction. A time-sorted
 * log never comes back to a window it left; this is the slack for logs merged from several sources
 * whose clocks or flushes lag each other. A record that comes later still is counted exactly, at
 * the price of reading the log twice (see WindowGrouper).
 */
export const DEFAULT_IDLE_RECORDS = 1 << 12;

/**
 * Bounded memory, one extraction at a time: windows idle for long are tallied and closed, and the
 * vocabulary starts a new epoch with only the messages of the windows still running. Memory is
 * then the epoch's messages, the running windows and one tally per window, whatever the log's size.
 */
export class ExtractionEpochs {
  /** Tallies of the windows closed so far. */
  readonly closed: WindowTally[] = [];
  // Closed windows whose messages were still waiting for their templates, and their last message.
  private waiting: { tally: WindowTally; last: number }[] = [];
  // The message ids the running windows hold, gathered during a compaction for its forgetBelow.
  private keptIds: number[] = [];
  private readonly epochMessages: number;
  private readonly idleRecords: number;
  private readonly scratch = new TallyScratch();
  private readonly list = new MessageList();
  private limit: number;

  constructor(sizes: { messages?: number; idleRecords?: number } = {}) {
    this.epochMessages = Math.max(1, sizes.messages ?? DEFAULT_EPOCH_MESSAGES);
    this.idleRecords = Math.max(1, sizes.idleRecords ?? DEFAULT_IDLE_RECORDS);
    this.limit = this.epochMessages;
  }

  /**
   * Compact when the epoch is full. `templates`, for extended features, are the templates assigned
   * so far (the extractor calls its assignNew first); null for the seed set. A window closed before
   * all its messages have their templates (they are mined on another thread) keeps lines per
   * message until resolveReady.
   */
  maybeCompact(grouper: WindowGrouper, templates: TemplateIds | null): void {
    if (!this.due(grouper)) return;
    const vocabulary = grouper.vocabulary;
    const messages = vocabulary.messages;
    const later = templates !== null && templates.size < messages.size;
    for (const acc of grouper.closeIdle(this.idleRecords)) {
      const tally = tallyWindow(acc, messages, later ? "later" : templates, this.scratch, vocabulary);
      this.closed.push(tally);
      if (later) this.waiting.push({ tally, last: lastMessageId(tally) });
    }
    this.keptIds = [];
    vocabulary.messages = messages.keeping(this.messagesOf(grouper.openWindows()));
    // A few huge running windows could hold most of an epoch: then wait for twice as many.
    this.limit = Math.max(this.epochMessages, 2 * vocabulary.messages.held);
    this.resolveReady(templates);
    if (templates !== null) templates.forgetBelow(Math.min(vocabulary.messages.oldestId, templates.size), this.heldIds());
    this.keptIds = [];
  }

  /**
   * What may still ask for a template, besides every id the fingerprints can give again (from
   * `oldestId` on) and every id not assigned yet (an alias waiting for it names an id below): the
   * messages of the running windows and of the tallies waiting for their templates.
   */
  private *heldIds(): Generator<number> {
    yield* this.keptIds;
    for (const { tally } of this.waiting) if (tally.messageIds !== undefined) yield* tally.messageIds;
  }

  /** Resolves the closed windows whose messages all have their templates by now. */
  resolveReady(templates: TemplateIds | null): void {
    if (templates === null || this.waiting.length === 0) return;
    const size = templates.size;
    this.waiting = this.waiting.filter(({ tally, last }) => {
      if (last >= size) return true;
      resolveTemplates(tally, templates, this.scratch);
      return false;
    });
  }

  /** Whether the epoch is full (the next maybeCompact compacts). */
  private due(grouper: WindowGrouper): boolean {
    return grouper.vocabulary.messages.held >= this.limit;
  }

  private *messagesOf(windows: Iterable<WindowAccumulator>): Generator<number> {
    const list = this.list;
    for (const acc of windows) {
      const n = list.fill(acc.counts);
      for (let m = 0; m < n; m++) {
        const id = list.ids[m]!;
        this.keptIds.push(id);
        yield id;
      }
    }
  }
}
