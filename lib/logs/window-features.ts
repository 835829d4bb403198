import { FAILED_AUTH, INVALID_USER } from "./auth-phrases";
import { ByteInterner, IdCounter, hashBytes, hashWords, viewOf } from "./byte-interner";
import { MessageScan } from "./message-scan";
import { MessageVocabulary } from "./message-vocabulary";
import { TokenCounter } from "./token-counter";
import type { LogRecord, WindowFeatures } from "./types";

/**
 * Distinct values of one extraction, shared by all its windows: a window keeps only ids and
 * counts, and a value seen in many windows is stored once, as UTF-8.
 */
export class FeatureVocabulary {
  readonly messages = new MessageVocabulary();
  readonly hosts = new ByteInterner();
  readonly processes = new ByteInterner();
}

/** Running state of one window: exactly what the eight features need. */
export class WindowAccumulator {
  readonly start: number;
  count = 0;
  lengthSum = 0;
  failedAuth = 0;
  invalidUser = 0;
  readonly messages: IdCounter;
  readonly hosts: IdCounter;
  readonly processes: IdCounter;
  readonly tokens: TokenCounter;

  /** `like`: a neighbouring window whose sizes predict this one's (saves rehashing as it fills). */
  constructor(start: number, like?: WindowAccumulator) {
    this.start = start;
    this.messages = new IdCounter(like?.messages.size);
    this.hosts = new IdCounter(like?.hosts.size);
    this.processes = new IdCounter(like?.processes.size);
    this.tokens = new TokenCounter(like?.tokens.size);
  }

  /**
   * Count one record given the ids of its host, process and message. For a message's first
   * sighting, `fresh` is its scan and `freshBase` maps the scan's positions into the arena.
   */
  add(
    hostId: number, processId: number, messageId: number, vocabulary: MessageVocabulary, fresh: MessageScan | null, freshBase: number,
  ): void {
    this.count++;
    this.hosts.add(hostId);
    this.processes.add(processId);
    this.messages.add(messageId);
    this.lengthSum += vocabulary.utf16Lengths[messageId]!;
    const phrases = vocabulary.phraseFlags[messageId]!;
    if (phrases & FAILED_AUTH) this.failedAuth++;
    if (phrases & INVALID_USER) this.invalidUser++;
    const arena = vocabulary.arena;
    const tokens = this.tokens;
    if (fresh !== null) {
      const starts = fresh.tokenStarts;
      const ends = fresh.tokenEnds;
      const hashes = fresh.tokenHashes;
      for (let t = 0; t < fresh.tokenCount; t++) {
        tokens.add(arena, freshBase + starts[t]!, ends[t]! - starts[t]!, hashes[t]!);
      }
      return;
    }
    vocabulary.listTokens(messageId);
    const positions = vocabulary.tokenPositions;
    const lengths = vocabulary.tokenLengths;
    const hashes = vocabulary.tokenHashes;
    const from = vocabulary.tokenStart[messageId]!;
    const end = from + vocabulary.tokenCount[messageId]!;
    for (let t = from; t < end; t++) tokens.add(arena, positions[t]!, lengths[t]!, hashes[t]!);
  }

  /** The eight features in FEATURE_NAMES order. */
  featureValues(): number[] {
    const tokenCounts = this.tokens.countsList();
    let tokenTotal = 0;
    for (const count of tokenCounts) tokenTotal += count;
    return [
      this.count,
      this.messages.size,
      this.hosts.size,
      this.processes.size,
      this.lengthSum / this.count,
      this.failedAuth,
      this.invalidUser,
      tokenEntropy(tokenCounts, tokenTotal, tokenCounts.length),
    ];
  }
}

/** Shannon entropy in bits of a frequency table; 0 for one distinct value or none. */
export function tokenEntropy(counts: Iterable<number>, total: number, distinct: number): number {
  if (distinct <= 1 || total <= 0) return 0;
  let entropy = 0;
  for (const count of counts) {
    const p = count / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Epoch-aligned window start (SPEC §2); also right for timestamps before 1970. */
export function windowStartOf(ts: number, window: number): number {
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

  /** Count one record (ids from `vocabulary`; `fresh` as in WindowAccumulator.add) and return its window start. */
  add(ts: number, hostId: number, processId: number, messageId: number, fresh: MessageScan | null = null, freshBase = 0): number {
    const start = windowStartOf(ts, this.window);
    let acc = this.last;
    if (acc === null || acc.start !== start) {
      acc = this.byStart.get(start) ?? null;
      if (acc === null) {
        acc = new WindowAccumulator(start, this.last ?? undefined);
        this.byStart.set(start, acc);
      }
      this.last = acc;
    }
    acc.add(hostId, processId, messageId, this.vocabulary.messages, fresh, freshBase);
    return start;
  }

  get size(): number {
    return this.byStart.size;
  }

  /** Features of every non-empty window, sorted by start. */
  finish(): WindowFeatures[] {
    const windows = [...this.byStart.values()].sort((a, b) => a.start - b.start);
    return windows.map((acc) => ({ start: acc.start, end: acc.start + this.window, values: acc.featureValues() }));
  }
}

const encoder = new TextEncoder();

/**
 * Ids of a record's host, process and message, interning them (and scanning the message) when new.
 * Bytes must be canonical UTF-8 (from a decoded string), so every message scan succeeds.
 */
export function internTextRecord(
  host: string, process: string, message: string, vocabulary: FeatureVocabulary, scan: MessageScan,
): { hostId: number; processId: number; messageId: number } {
  const h = encoder.encode(host);
  const p = encoder.encode(process);
  const m = encoder.encode(message);
  const messageHash = hashWords(viewOf(m), 0, m.length);
  let messageId = vocabulary.messages.find(m, 0, m.length, messageHash);
  if (messageId < 0) {
    scan.scan(m, 0, m.length, true);
    messageId = vocabulary.messages.add(m, 0, m.length, messageHash, scan);
  }
  return {
    hostId: vocabulary.hosts.intern(h, 0, h.length, hashBytes(h, 0, h.length)),
    processId: vocabulary.processes.intern(p, 0, p.length, hashBytes(p, 0, p.length)),
    messageId,
  };
}

/** Window features of records already in memory (SPEC §2-3). */
export function computeWindowFeatures(records: Iterable<LogRecord>, window = 60): WindowFeatures[] {
  const grouper = new WindowGrouper(window);
  const scan = new MessageScan();
  for (const r of records) {
    const ids = internTextRecord(r.host, r.process, r.message, grouper.vocabulary, scan);
    grouper.add(r.ts, ids.hostId, ids.processId, ids.messageId);
  }
  return grouper.finish();
}
