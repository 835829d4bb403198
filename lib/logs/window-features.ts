import { FEATURE_SETS, type FeatureSet } from "@/lib/domain/types";
import { FAILED_AUTH, INVALID_USER } from "./auth-phrases";
import { ByteInterner, hashBytes, createView } from "./byte-interner";
import { ErrorLevelTest } from "./error-level";
import { MessageList } from "./message-list";
import { MessageTemplates } from "./message-templates";
import { MessageVocabulary } from "./message-vocabulary";
import { finishExtendedWindows } from "./template-features";
import { TokenCounter } from "./token-counter";
import { WindowCounts } from "./window-counts";
import { type LogRecord, type TemplateCatalog, type WindowFeatures } from "./types";
import type { TemplateMinerJson } from "./templates/types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (two, in
// fact); code that runs per line or per token uses local copies, read once at load.
const FAILED = FAILED_AUTH;
const INVALID = INVALID_USER;

/**
 * Distinct values of one extraction, shared by all its windows: a window keeps only ids and
 * counts, and a value seen in many windows is stored once, as UTF-8.
 */
export class FeatureVocabulary {
  readonly messages = new MessageVocabulary();
  readonly hosts = new ByteInterner();
  readonly processes = new ByteInterner();
}

/**
 * Running state of one window: how often each message, host and process occurred. Everything
 * about tokens, lengths and phrases depends on the message alone, so it is worked out once per
 * distinct message when the window is finished rather than once per line.
 */
export class WindowAccumulator {
  readonly start: number;
  count = 0;
  /** Records whose level is error or worse (extended features only; see error-level.ts). */
  errorLevelLines = 0;
  readonly counts: WindowCounts;

  /** `like`: a neighbouring window whose size predicts this one's (saves rehashing as it fills). */
  constructor(start: number, like?: WindowAccumulator) {
    this.start = start;
    this.counts = new WindowCounts(like?.counts.size);
  }

  add(hostId: number, processId: number, messageId: number): void {
    this.count++;
    this.counts.addRecord(hostId, processId, messageId);
  }

  /** The eight features in FEATURE_NAMES order; `tokens` is an empty counter to fill. */
  featureValues(vocabulary: MessageVocabulary, tokens: TokenCounter, scratch: MessageList): number[] {
    let lengthSum = 0;
    let failedAuth = 0;
    let invalidUser = 0;
    let tokenTotal = 0;
    const blocks = vocabulary.blocks;
    const n = scratch.fill(this.counts);
    const ids = scratch.ids;
    const counts = scratch.counts;
    for (let m = 0; m < n; m++) {
      const times = counts[m]!;
      const d = vocabulary.describe(ids[m]!);
      lengthSum += d.utf16Length * times;
      if (d.phrases & FAILED) failedAuth += times;
      if (d.phrases & INVALID) invalidUser += times;
      tokenTotal += (d.to - d.from) * times;
      const { base, starts, ends, hashes, heads, tails, to } = d;
      for (let t = d.from; t < to; t++) {
        const start = starts[t]!;
        tokens.add(blocks, base + start, ends[t]! - start, hashes[t]!, heads[t]!, tails[t]!, times);
      }
    }
    return [
      this.count,
      this.counts.messages,
      this.counts.hosts,
      this.counts.processes,
      lengthSum / this.count,
      failedAuth,
      invalidUser,
      entropyFromSums(tokens.sumCountLogCount(), tokenTotal, tokens.size),
    ];
  }
}

/**
 * Shannon entropy in bits of a frequency table; 0 for one distinct value or none. Computed as
 * log2(N) - sum(c * log2 c) / N, which equals -sum(p * log2 p) and lets the many tokens seen once
 * (c * log2 c = 0) skip the logarithm.
 */
export function computeTokenEntropy(counts: Iterable<number>, total: number, distinct: number): number {
  let weighted = 0;
  for (const count of counts) if (count > 1) weighted += count * Math.log2(count);
  return entropyFromSums(weighted, total, distinct);
}

/** The entropy above from `sum(c * log2 c)`, the total count and the number of distinct values. */
function entropyFromSums(weighted: number, total: number, distinct: number): number {
  if (distinct <= 1 || total <= 0) return 0;
  return Math.max(0, Math.log2(total) - weighted / total);
}

/** Epoch-aligned window start (docs/pipeline.md §2); also right for timestamps before 1970. */
export function alignWindowStart(ts: number, window: number): number {
  const rest = ts % window;
  return rest < 0 ? ts - rest - window : ts - rest;
}

export function assertWindowLength(window: number): void {
  if (!Number.isInteger(window) || window <= 0) {
    throw new RangeError(`window must be a positive whole number of seconds, got ${window}`);
  }
}

/** Groups records by window start; the order records arrive in does not matter. */
export class WindowGrouper {
  readonly window: number;
  readonly vocabulary = new FeatureVocabulary();
  private readonly byStart = new Map<number, WindowAccumulator>();
  // Sorted input hits the same window many times in a row; skip the map lookup then.
  private last: WindowAccumulator | null = null;

  constructor(window: number) {
    assertWindowLength(window);
    this.window = window;
  }

  /** Count one record (ids from `vocabulary`) and return the start of its window. */
  add(ts: number, hostId: number, processId: number, messageId: number): number {
    const start = alignWindowStart(ts, this.window);
    let acc = this.last;
    if (acc === null || acc.start !== start) {
      acc = this.byStart.get(start) ?? null;
      if (acc === null) {
        acc = new WindowAccumulator(start, this.last ?? undefined);
        this.byStart.set(start, acc);
      }
      this.last = acc;
    }
    acc.add(hostId, processId, messageId);
    return start;
  }

  /** The record `add` just counted has an error level: counted apart, in the same window. */
  countErrorLevel(): void {
    this.last!.errorLevelLines++;
  }

  get size(): number {
    return this.byStart.size;
  }

  /** The running windows, sorted by start. */
  sortedWindows(): WindowAccumulator[] {
    return [...this.byStart.values()].sort((a, b) => a.start - b.start);
  }

  /** Seed features of every non-empty window, sorted by start. */
  finish(): WindowFeatures[] {
    const windows = this.sortedWindows();
    const tokens = new TokenCounter(256);
    const scratch = new MessageList();
    return windows.map((acc) => {
      tokens.clear();
      const values = acc.featureValues(this.vocabulary.messages, tokens, scratch);
      return { start: acc.start, end: acc.start + this.window, values };
    });
  }
}

const encoder = new TextEncoder();

/**
 * Ids of a record's host, process and message, interning them (and scanning the message) when new.
 * Strings are stored as UTF-8; a lone surrogate (impossible in decoded file text) becomes U+FFFD
 * there, so two messages differing only in one would count as one.
 */
export function internTextRecord(
  host: string, process: string, message: string, vocabulary: FeatureVocabulary,
): { hostId: number; processId: number; messageId: number } {
  const h = encoder.encode(host);
  const p = encoder.encode(process);
  const m = encoder.encode(message);
  const messageId = vocabulary.messages.intern(createView(m), 0, m.length);
  return {
    hostId: vocabulary.hosts.intern(h, 0, h.length, hashBytes(h, 0, h.length)),
    processId: vocabulary.processes.intern(p, 0, p.length, hashBytes(p, 0, p.length)),
    messageId,
  };
}

/** Which features to compute, and (extended) the training run's miner that decides "unseen". */
export interface FeatureSetOptions {
  features?: FeatureSet;
  trainedTemplates?: TemplateMinerJson;
}

/** Throws on anything but "seed" or "extended" (callers may be plain JavaScript or JSON). */
export function resolveFeatureSet(features: FeatureSet | undefined): FeatureSet {
  if (features === undefined) return "seed";
  if (FEATURE_SETS.includes(features)) return features;
  throw new RangeError(`Unknown feature set "${String(features)}"; known: ${FEATURE_SETS.join(", ")}`);
}

/**
 * Finish a grouper: seed windows as before, or, for "extended" (`templates` given, every message
 * assigned), thirteen features per window plus the template catalog.
 */
export function finishWindows(
  grouper: WindowGrouper, templates: MessageTemplates | null,
): { windows: WindowFeatures[]; templates?: TemplateCatalog } {
  if (templates === null) return { windows: grouper.finish() };
  templates.assignNew(grouper.vocabulary.messages);
  return finishExtendedWindows(grouper.sortedWindows(), grouper.window, grouper.vocabulary, templates);
}

/**
 * Window features of records already in memory (docs/pipeline.md §2-3); the third argument picks the feature
 * set ("seed" by default) and, for "extended", the training run's miner.
 */
export function computeWindowFeatures(
  records: Iterable<LogRecord>, window = 60, options: FeatureSet | FeatureSetOptions = {},
): WindowFeatures[] {
  const { features, trainedTemplates } = typeof options === "string" ? { features: options, trainedTemplates: undefined } : options;
  const extended = resolveFeatureSet(features) === "extended";
  const grouper = new WindowGrouper(window);
  const errorLevel = new ErrorLevelTest();
  for (const r of records) {
    const ids = internTextRecord(r.host, r.process, r.message, grouper.vocabulary);
    grouper.add(r.ts, ids.hostId, ids.processId, ids.messageId);
    if (r.level !== undefined && errorLevel.test(r.level)) grouper.countErrorLevel();
  }
  return finishWindows(grouper, extended ? new MessageTemplates(trainedTemplates) : null).windows;
}
