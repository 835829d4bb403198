import { FAILED_AUTH, INVALID_USER } from "./auth-phrases";
import { ByteInterner } from "./byte-interner";
import type { Int32Arena } from "./int32-arena";
import type { MessageList } from "./message-list";
import { MessageVocabulary, internedBytes } from "./message-vocabulary";
import type { TokenCounter } from "./token-counter";
import type { HostAlertLines } from "./types";
import { WindowCounts } from "./window-counts";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (two, in
// fact); code that runs per line or per token uses local copies, read once at load.
const FAILED = FAILED_AUTH;
const INVALID = INVALID_USER;

/**
 * Distinct values of one extraction, shared by all its windows: a window keeps only ids and
 * counts, and a value seen in many windows is stored once, as UTF-8.
 */
export class FeatureVocabulary {
  /** Replaced by the next epoch's when a bounded extraction compacts (message-vocabulary.ts). */
  messages: MessageVocabulary;
  readonly hosts = new ByteInterner();
  readonly processes = new ByteInterner();

  // Host names by id, decoded once each (hosts are few).
  private readonly hostNames: string[] = [];
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  /** `globalIds`, `generation` (bounded only): see MessageVocabulary.bounded. */
  constructor(bounded = false, globalIds = true, generation?: number) {
    this.messages = bounded ? MessageVocabulary.bounded(globalIds, generation) : MessageVocabulary.plain();
  }

  /** The name of host `id` (the host tails know hosts by name). */
  hostName(id: number): string {
    return (this.hostNames[id] ??= this.decoder.decode(internedBytes(this.hosts, id)));
  }
}

/** What names hosts by id: a FeatureVocabulary. */
export type HostNames = Pick<FeatureVocabulary, "hostName">;

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
  /**
   * Extended only (WindowGrouper.hostAlerts): per host id, lines with an error word and lines with
   * an error level; null until the window has one.
   */
  hostErrorWords: Map<number, number> | null = null;
  hostErrorLevels: Map<number, number> | null = null;
  readonly counts: WindowCounts;
  /** The expected size it was made with (see WindowGrouper.add). */
  readonly hint: number | undefined;
  /** Number of the record last counted here (bounded extractions close windows idle for long). */
  lastRecord = 0;
  /** Never closed for being idle (WindowGrouper's keepFirst). */
  keptOpen = false;

  /** `like`: a neighbouring window whose size predicts this one's (saves rehashing as it fills). */
  constructor(start: number, hint: number | undefined) {
    this.start = start;
    this.hint = hint;
    this.counts = new WindowCounts(hint);
  }

  add(hostId: number, processId: number, messageId: number): void {
    this.count++;
    this.counts.addRecord(hostId, processId, messageId);
  }

  /** One more alert line of host `hostId` (an error word, an error level, or both). */
  countHostAlert(hostId: number, errorWord: boolean, errorLevel: boolean): void {
    if (errorWord) {
      const words = (this.hostErrorWords ??= new Map());
      words.set(hostId, (words.get(hostId) ?? 0) + 1);
    }
    if (errorLevel) {
      const levels = (this.hostErrorLevels ??= new Map());
      levels.set(hostId, (levels.get(hostId) ?? 0) + 1);
    }
  }

  /**
   * Per host with any, its alert lines: the larger of its error-word and its error-level lines, as
   * the window's error_keyword_lines and error_level_lines count them for all hosts together. The
   * lines are cut from `arena`, as they live as long as the window.
   */
  hostAlertLines(hosts: HostNames, arena: Int32Arena): HostAlertLines | null {
    const words = this.hostErrorWords;
    const levels = this.hostErrorLevels;
    if (words === null && levels === null) return null;
    const lines = new Map<number, number>(words ?? []);
    for (const [host, n] of levels ?? []) lines.set(host, Math.max(n, lines.get(host) ?? 0));
    const ids = [...lines.keys()].sort((a, b) => a - b);
    const counts = arena.take(ids.length);
    ids.forEach((id, k) => (counts[k] = lines.get(id)!));
    return { hosts: ids.map((id) => hosts.hostName(id)), lines: counts };
  }

  /**
   * `records` more records (and error-level ones) that another part of the log counted in this
   * window (window-content.ts merges their messages, hosts and processes into `counts`). Features
   * depend only on those counts and sets, so a window built up this way has the features of one
   * counted record by record.
   */
  addRecords(records: number, errorLevelLines: number): void {
    this.count += records;
    this.errorLevelLines += errorLevelLines;
  }

  /** The eight features in FEATURE_NAMES order; `tokens` is an empty counter to fill. */
  featureValues(vocabulary: MessageVocabulary, tokens: TokenCounter, scratch: MessageList): number[] {
    let lengthSum = 0;
    let failedAuth = 0;
    let invalidUser = 0;
    let tokenTotal = 0;
    const views = vocabulary.views;
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
        tokens.add(views, base + start, ends[t]! - start, hashes[t]!, heads[t]!, tails[t]!, times);
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
  // Ascending, as TokenCounter.sumCountLogCount sums: the same counts give the same bits in any order.
  const repeated = Float64Array.from([...counts].filter((count) => count > 1)).sort();
  let weighted = 0;
  for (const count of repeated) weighted += count * Math.log2(count);
  return entropyFromSums(weighted, total, distinct);
}

/** The entropy above from `sum(c * log2 c)`, the total count and the number of distinct values. */
export function entropyFromSums(weighted: number, total: number, distinct: number): number {
  if (distinct <= 1 || total <= 0) return 0;
  return Math.max(0, Math.log2(total) - weighted / total);
}
