import { ByteInterner, createView, hashBytes } from "./byte-interner";
import type { FeatureVocabulary } from "./window-features";

const encoder = new TextEncoder();

// Hosts and processes remembered by their string; past this many distinct ones the rest are encoded each time.
const MAX_CACHED_NAMES = 4096;

/**
 * internTextRecord for a stream of records (the other log formats, docs/pipeline.md §1b): the same
 * ids, but messages are encoded into one reused buffer, and hosts and processes, which repeat from
 * record to record, are looked up by string before any encoding. Results are in hostId, processId
 * and messageId, so a record allocates nothing here beyond a new value's copy in the vocabulary.
 */
export class TextRecordInterner {
  hostId = 0;
  processId = 0;
  messageId = 0;
  private readonly vocabulary: FeatureVocabulary;
  private readonly hostIds = new Map<string, number>();
  private readonly processIds = new Map<string, number>();
  private scratch = new Uint8Array(4096);
  private view = createView(this.scratch);

  constructor(vocabulary: FeatureVocabulary) {
    this.vocabulary = vocabulary;
  }

  intern(host: string, process: string, message: string): void {
    this.hostId = this.hostIds.get(host) ?? this.name(host, this.vocabulary.hosts, this.hostIds);
    this.processId = this.processIds.get(process) ?? this.name(process, this.vocabulary.processes, this.processIds);
    // encodeInto writes at most 3 bytes per UTF-16 unit (a lone surrogate becomes U+FFFD, as encode does).
    if (message.length * 3 > this.scratch.length) {
      this.scratch = new Uint8Array(message.length * 3);
      this.view = createView(this.scratch);
    }
    const { written } = encoder.encodeInto(message, this.scratch);
    this.messageId = this.vocabulary.messages.intern(this.view, 0, written);
  }

  private name(text: string, interner: ByteInterner, cache: Map<string, number>): number {
    const bytes = encoder.encode(text);
    const id = interner.intern(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
    if (cache.size < MAX_CACHED_NAMES) cache.set(text, id);
    return id;
  }
}
