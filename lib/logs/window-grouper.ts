import { FeatureVocabulary, WindowAccumulator } from "./window-accumulator";

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

/** A window's size hint that only the second pass can know (see WindowGrouper). */
export const HINT_FROM_PREVIOUS = -1;

export interface GrouperOptions {
  /** Windows may be closed (`closeIdle`) and the vocabulary compacted (bounded memory). */
  bounded?: boolean;
  /**
   * Second pass: count only these windows (start -> the size hint the first pass made them with,
   * or HINT_FROM_PREVIOUS); every other record is read and passed over.
   */
  only?: ReadonlyMap<number, number>;
  /**
   * Bounded: a message seen again keeps its id while the fingerprints of the last generation or two
   * of distinct messages remember it (default true); only mining templates needs it
   * (MessageVocabulary.bounded). `fingerprintGeneration`: the size of a generation.
   */
  globalIds?: boolean;
  fingerprintGeneration?: number;
  /**
   * Bounded: windows that get any of the first this-many records are never closed for being idle.
   * A range of a file read on its own (parallel-parse) keeps them whole, with their messages, so a
   * window the range before also holds can be merged with it.
   */
  keepFirst?: number;
}

/**
 * Groups records by window start; the order records arrive in does not matter.
 *
 * Bounded, windows that saw no record for a while are closed (their features are taken and their
 * state freed). A record for a closed window is passed over and the window marked `late`: a second
 * pass over the log (extractWindows) counts the late windows again, whole. That keeps every window
 * exactly what the single-pass grouper makes. (A window's counts table is laid out by the ids it
 * gets, in order, from the size hint it is made with, the size of the window of the record before.
 * No feature depends on that layout any more, since entropy_tokens sums in an order set by the
 * counts alone, but the first pass still records each window's hint, and a window made right after
 * a passed-over record, whose hint only a full count of that late window can give, is counted again
 * too: the second pass then lays every window out as the first pass would have.)
 */
export class WindowGrouper {
  readonly window: number;
  readonly vocabulary: FeatureVocabulary;
  /** Bounded: windows that got a record after they were closed (or were made with an unknown hint). */
  readonly late = new Set<number>();
  private readonly byStart = new Map<number, WindowAccumulator>();
  // Sorted input hits the same window many times in a row; skip the map lookup then. Also the
  // window of the record before (null when that record was passed over), whose size is the hint.
  private last: WindowAccumulator | null = null;
  // The start of the record before's window: a record in the same window needs no remainder (a
  // floating-point one, about 1% of the parse's time). For ts in [s, s + window) with s aligned,
  // alignWindowStart(ts) is s exactly: the remainder ts - s is exact, and so is ts minus it.
  private lastStart = Number.NaN;
  // Bounded: closed windows -> the hint they were made with.
  private readonly closed: Map<number, number> | null;
  /** Second pass: the windows it counts. */
  readonly only: ReadonlyMap<number, number> | null;
  private readonly unknownHint = new Set<number>();
  private records = 0;
  private counted = false;
  private readonly keepFirst: number;

  constructor(window: number, options: GrouperOptions = {}) {
    assertWindowLength(window);
    this.window = window;
    const bounded = options.bounded === true || options.only !== undefined;
    this.vocabulary = new FeatureVocabulary(bounded, options.globalIds ?? true, options.fingerprintGeneration);
    this.closed = options.bounded === true && options.only === undefined ? new Map() : null;
    this.only = options.only ?? null;
    this.keepFirst = options.keepFirst ?? 0;
  }

  /** Records counted or passed over so far. */
  get recordCount(): number {
    return this.records;
  }

  /** Count one record (ids from `vocabulary`) and return the start of its window. */
  add(ts: number, hostId: number, processId: number, messageId: number): number {
    const start = ts >= this.lastStart && ts < this.lastStart + this.window ? this.lastStart : (this.lastStart = alignWindowStart(ts, this.window));
    this.records++;
    let acc = this.last;
    if (acc === null || acc.start !== start) {
      acc = this.byStart.get(start) ?? this.open(start);
      this.last = acc;
      if (acc === null) {
        this.counted = false;
        return start;
      }
      // Checked only on a change of window: the record before, in the same window, pinned it already.
      if (this.records <= this.keepFirst) acc.keptOpen = true;
    }
    this.counted = true;
    acc.lastRecord = this.records;
    acc.add(hostId, processId, messageId);
    return start;
  }

  /**
   * Extended features: count each window's alert lines per host too (the host tails of the
   * combined score, lib/detectors/host-tails.ts). Set before the first record.
   */
  hostAlerts = false;

  /**
   * The record `add` just counted, once more: whether its level is error or worse (counted apart,
   * in the same window) and, with `hostAlerts`, its host's lines with an error word or level.
   */
  countAlerts(hostId: number, messageId: number, errorLevel: boolean): void {
    if (!this.counted) return;
    const acc = this.last!;
    if (errorLevel) acc.errorLevelLines++;
    if (!this.hostAlerts) return;
    const errorWord = this.vocabulary.messages.errorWord(messageId);
    if (errorWord || errorLevel) acc.countHostAlert(hostId, errorWord, errorLevel);
  }

  get size(): number {
    return this.byStart.size;
  }

  /** The running windows. */
  openWindows(): IterableIterator<WindowAccumulator> {
    return this.byStart.values();
  }

  /** The running windows, sorted by start. */
  sortedWindows(): WindowAccumulator[] {
    return [...this.byStart.values()].sort((a, b) => a.start - b.start);
  }

  /** Bounded: takes out the windows that got no record in the last `idle` records (at least 1). */
  closeIdle(idle: number): WindowAccumulator[] {
    const closed = this.closed;
    if (closed === null) return [];
    const gone: WindowAccumulator[] = [];
    for (const acc of this.byStart.values()) if (!acc.keptOpen && this.records - acc.lastRecord >= Math.max(1, idle)) gone.push(acc);
    for (const acc of gone) {
      this.byStart.delete(acc.start);
      closed.set(acc.start, this.unknownHint.has(acc.start) ? HINT_FROM_PREVIOUS : (acc.hint ?? 4));
    }
    return gone;
  }

  /**
   * Streaming (watch; bounded only): takes out the running windows that start before `before`,
   * however recently they were counted. A record for one of them later is passed over, as for any
   * closed window (its caller counts it as late).
   */
  closeBefore(before: number): WindowAccumulator[] {
    const closed = this.closed;
    if (closed === null) return [];
    const gone: WindowAccumulator[] = [];
    for (const acc of this.byStart.values()) if (acc.start < before) gone.push(acc);
    for (const acc of gone) {
      this.byStart.delete(acc.start);
      closed.set(acc.start, acc.hint ?? 4);
      // The next record of this window must not be counted into it through the shortcut.
      if (this.last === acc) this.last = null;
    }
    return gone.sort((a, b) => a.start - b.start);
  }

  /** The late windows with the hints a second pass must make them with. */
  secondPass(): Map<number, number> {
    const only = new Map<number, number>();
    for (const start of this.late) {
      const hint = this.unknownHint.has(start) ? HINT_FROM_PREVIOUS : (this.closed?.get(start) ?? this.byStart.get(start)?.hint ?? 4);
      only.set(start, hint);
    }
    return only;
  }

  private open(start: number): WindowAccumulator | null {
    const previous = this.last;
    let hint: number | undefined = previous?.counts.size;
    if (this.closed?.has(start)) {
      this.late.add(start);
      return null;
    }
    if (this.only !== null) {
      const given = this.only.get(start);
      if (given === undefined) return null;
      if (given === HINT_FROM_PREVIOUS) {
        if (previous === null) throw new Error(`window ${start}: the record before it was not counted again`);
      } else {
        hint = given;
      }
    } else if (previous === null && this.records > 1 && this.closed !== null) {
      // The record before went to a closed window: its size now is unknown here.
      this.unknownHint.add(start);
      this.late.add(start);
    }
    const acc = new WindowAccumulator(start, hint);
    this.byStart.set(start, acc);
    return acc;
  }
}
