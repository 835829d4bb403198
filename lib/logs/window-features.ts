import { FAILED_AUTH, INVALID_USER, phrasesAtSpace } from "./auth-phrases";
import { isWhitespaceCode, type LineFields } from "./parse-line";
import { HASH_SEED, IdCounter, StringInterner, finishHash, hashRange, hashStep } from "./string-table";
import type { LogRecord, WindowFeatures } from "./types";

/**
 * Distinct values of one extraction, shared by all its windows: a window stores only ids and
 * counts, and a string seen in many windows is stored once.
 */
export class FeatureVocabulary {
  readonly messages = new StringInterner();
  readonly hosts = new StringInterner();
  readonly processes = new StringInterner();
  readonly tokens = new StringInterner();
}

/** Running state of one window: exactly what the eight features need. */
export class WindowAccumulator {
  readonly start: number;
  count = 0;
  lengthSum = 0;
  failedAuth = 0;
  invalidUser = 0;
  readonly messages = new IdCounter();
  readonly hosts = new IdCounter();
  readonly processes = new IdCounter();
  readonly tokens = new IdCounter();

  constructor(start: number) {
    this.start = start;
  }

  add(f: LineFields, vocabulary: FeatureVocabulary): void {
    const source = f.source;
    this.count++;
    this.hosts.add(vocabulary.hosts.intern(source, f.hostStart, f.hostEnd, hashRange(source, f.hostStart, f.hostEnd)));
    const processHash = hashRange(source, f.processStart, f.processEnd);
    this.processes.add(vocabulary.processes.intern(source, f.processStart, f.processEnd, processHash));
    this.addMessage(source, f.messageStart, source.length, vocabulary);
  }

  /**
   * One pass over the message: `split(/\s+/)` tokens (empty ones dropped) are counted by id, the
   * message hash is folded from token hashes and separators, and auth phrases are checked at spaces.
   */
  private addMessage(source: string, start: number, end: number, vocabulary: FeatureVocabulary): void {
    const tokens = vocabulary.tokens;
    this.lengthSum += end - start;
    let messageHash = HASH_SEED;
    let tokenHash = HASH_SEED;
    let tokenStart = -1;
    let phrases = 0;
    for (let i = start; i < end; i++) {
      const c = source.charCodeAt(i);
      if (c === 32 || (c < 32 ? c >= 9 && c <= 13 : c >= 128 && isWhitespaceCode(c))) {
        messageHash = hashStep(messageHash, c);
        if (tokenStart >= 0) {
          const h = finishHash(tokenHash);
          messageHash = hashStep(messageHash, h);
          this.tokens.add(tokens.intern(source, tokenStart, i, h));
          if (c === 32) phrases |= phrasesAtSpace(source, tokenStart, i, end);
          tokenStart = -1;
        }
      } else {
        if (tokenStart < 0) {
          tokenStart = i;
          tokenHash = HASH_SEED;
        }
        tokenHash = hashStep(tokenHash, c);
      }
    }
    if (tokenStart >= 0) {
      const h = finishHash(tokenHash);
      messageHash = hashStep(messageHash, h);
      this.tokens.add(tokens.intern(source, tokenStart, end, h));
    }
    const hash = finishHash(hashStep(messageHash, end - start));
    this.messages.add(vocabulary.messages.intern(source, start, end, hash));
    if (phrases & FAILED_AUTH) this.failedAuth++;
    if (phrases & INVALID_USER) this.invalidUser++;
  }

  /** The eight features in FEATURE_NAMES order. */
  featureValues(): number[] {
    let tokenTotal = 0;
    for (const count of this.tokens.values()) tokenTotal += count;
    return [
      this.count,
      this.messages.size,
      this.hosts.size,
      this.processes.size,
      this.lengthSum / this.count,
      this.failedAuth,
      this.invalidUser,
      tokenEntropy(this.tokens.values(), tokenTotal, this.tokens.size),
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
  private readonly vocabulary = new FeatureVocabulary();
  private readonly byStart = new Map<number, WindowAccumulator>();
  // Sorted input hits the same window many times in a row; skip the map lookup then.
  private last: WindowAccumulator | null = null;

  constructor(window: number) {
    assertWindowLength(window);
    this.window = window;
  }

  /** Count one record and return the start of its window. */
  add(ts: number, fields: LineFields): number {
    const start = windowStartOf(ts, this.window);
    let acc = this.last;
    if (acc === null || acc.start !== start) {
      acc = this.byStart.get(start) ?? null;
      if (acc === null) {
        acc = new WindowAccumulator(start);
        this.byStart.set(start, acc);
      }
      this.last = acc;
    }
    acc.add(fields, this.vocabulary);
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

/** Window features of records already in memory (SPEC §2-3). */
export function computeWindowFeatures(records: Iterable<LogRecord>, window = 60): WindowFeatures[] {
  const grouper = new WindowGrouper(window);
  for (const r of records) {
    // One string holding all three fields, laid out the way the line scanner reports a line.
    const hostEnd = r.host.length;
    const processStart = hostEnd + 1;
    const processEnd = processStart + r.process.length;
    grouper.add(r.ts, {
      source: `${r.host} ${r.process} ${r.message}`,
      month: 0,
      day: 0,
      secondsOfDay: 0,
      hostStart: 0,
      hostEnd,
      processStart,
      processEnd,
      pid: r.pid,
      messageStart: processEnd + 1,
    });
  }
  return grouper.finish();
}
