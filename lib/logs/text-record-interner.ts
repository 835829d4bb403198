import { ByteInterner } from "./byte-interner";
import { HASH_SEED, finishHash, hashBytes, hashStep } from "./byte-hash";
import { createView } from "./byte-view";
import type { FeatureVocabulary } from "./window-features";

const encoder = new TextEncoder();

// Local copies: imported names cost a getter call each under tsx's CommonJS output, and these run per record.
const SEED = HASH_SEED;
const step = hashStep;
const finish = finishHash;
const hashOf = hashBytes;

// Hosts and processes remembered by their string; past this many distinct ones the rest are hashed each time.
const MAX_CACHED_NAMES = 4096;
// A full cache that misses this many times within twice as many records is no longer asked.
const JUDGED_MISSES = 4096;

/**
 * Hosts (or processes) by their string, in front of the interner. A hit costs ~10 ns on the short
 * strings JSON.parse hands out already hashed and ~40 ns on a fresh slice, less than hashing the
 * name's bytes and probing the interner. But on access and w3c, whose client addresses (the host)
 * are mostly distinct, the cache fills within ~5000 records and then hits 2% of the time, and a
 * miss costs ~60-100 ns before the interner is asked anyway; so a full cache that mostly misses
 * is no longer asked (measured on those rows' hosts: ~300 → ~200 ns a record). Only misses are
 * counted, so a hit costs what it did before.
 */
class NameCache {
  readonly ids = new Map<string, number>();
  /** True, for good, once the full cache missed more often than it hit. */
  skip = false;
  private misses = 0;
  private since = 0;

  /** Counts a miss of the full cache at record number `record`. */
  missed(record: number): void {
    if (this.misses++ === 0) this.since = record;
    if (this.misses < JUDGED_MISSES) return;
    this.skip = record - this.since < 2 * JUDGED_MISSES;
    this.misses = 0;
  }
}

/**
 * internTextRecord for a stream of records (the other log formats, docs/pipeline.md §1b): the same
 * ids, but every value is encoded into one reused buffer, and hosts and processes, which mostly
 * repeat from record to record, are looked up by string first (see NameCache). Results are in
 * hostId, processId and messageId, so a record allocates nothing here beyond a new value's copy
 * in the vocabulary.
 */
export class TextRecordInterner {
  hostId = 0;
  processId = 0;
  messageId = 0;
  private readonly vocabulary: FeatureVocabulary;
  private readonly hosts = new NameCache();
  private readonly processes = new NameCache();
  private records = 0;
  private scratch = new Uint8Array(4096);
  private view = createView(this.scratch);

  constructor(vocabulary: FeatureVocabulary) {
    this.vocabulary = vocabulary;
  }

  intern(host: string, process: string, message: string): void {
    const { hosts, processes } = this;
    this.records++;
    this.hostId = hosts.skip ? this.name(host, this.vocabulary.hosts) : (hosts.ids.get(host) ?? this.miss(host, this.vocabulary.hosts, hosts));
    this.processId = processes.skip
      ? this.name(process, this.vocabulary.processes)
      : (processes.ids.get(process) ?? this.miss(process, this.vocabulary.processes, processes));
    // Not the charCode loop `name` uses: measured, encodeInto (native) then intern is ~30% faster
    // than one JS pass over a message's UTF-16 units (~100 characters on the access row).
    this.room(message.length);
    const { written } = encoder.encodeInto(message, this.scratch);
    this.messageId = this.vocabulary.messages.intern(this.view, 0, written);
  }

  private miss(text: string, interner: ByteInterner, cache: NameCache): number {
    const id = this.name(text, interner);
    if (cache.ids.size < MAX_CACHED_NAMES) cache.ids.set(text, id);
    else cache.missed(this.records);
    return id;
  }

  /**
   * The name's UTF-8, hashed as hashBytes hashes it; an ASCII name (nearly all) is copied into the
   * scratch buffer as it is hashed. Measured against encode() into a fresh array (the previous
   * version), on the access row's client addresses: ~400 → ~300 ns a record.
   */
  private name(text: string, interner: ByteInterner): number {
    const length = text.length;
    this.room(length);
    const bytes = this.scratch;
    let h = SEED;
    for (let k = 0; k < length; k++) {
      const c = text.charCodeAt(k);
      if (c > 0x7f) {
        const { written } = encoder.encodeInto(text, bytes);
        return interner.intern(bytes, 0, written, hashOf(bytes, 0, written));
      }
      bytes[k] = c;
      h = step(h, c);
    }
    return interner.intern(bytes, 0, length, finish(h));
  }

  /** Room in the scratch buffer for `units` UTF-16 units: encodeInto writes at most 3 bytes per unit (a lone surrogate becomes U+FFFD, as encode does). */
  private room(units: number): void {
    if (units * 3 > this.scratch.length) {
      this.scratch = new Uint8Array(units * 3);
      this.view = createView(this.scratch);
    }
  }
}
