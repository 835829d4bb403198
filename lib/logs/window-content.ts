// A window's counts as plain bytes and numbers, so that one window counted in two parts of a log
// (two byte ranges parsed on separate threads, lib/pipeline/parallel-parse.ts) can be merged
// exactly. Ids are per extraction, so parts are merged by content: the bytes of each message, host
// and process, which is what a single extraction tells them apart by.
import { hashBytes } from "./byte-hash";
import { createView } from "./byte-view";
import type { ByteInterner } from "./byte-interner";
import { MessageList } from "./message-list";
import { internedBytes } from "./message-vocabulary";
import { TallyScratch, tallyWindow, type WindowTally } from "./template-features";
import { FeatureVocabulary, WindowAccumulator } from "./window-accumulator";

/** Distinct byte strings one after another: string k is `bytes[ends[k - 1] ?? 0, ends[k])`. */
export interface PackedStrings {
  bytes: Uint8Array;
  ends: Int32Array;
}

/** Everything the seed features of one window depend on, for part of a log. */
export interface WindowContent {
  start: number;
  count: number;
  errorLevelLines: number;
  /** The distinct messages, and how many records had each (`messageCounts[k]` for message k). */
  messages: PackedStrings;
  messageCounts: Int32Array;
  hosts: PackedStrings;
  processes: PackedStrings;
}

function pack(parts: readonly Uint8Array[]): PackedStrings {
  let total = 0;
  const ends = new Int32Array(parts.length);
  parts.forEach((part, k) => {
    total += part.length;
    ends[k] = total;
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, ends };
}

function packIds(ids: Int32Array, interner: ByteInterner): PackedStrings {
  return pack(Array.from(ids, (id) => internedBytes(interner, id)));
}

/** The content of `acc`, whose messages `vocabulary` still holds (copied out of its arenas). */
export function windowContent(acc: WindowAccumulator, vocabulary: FeatureVocabulary, scratch = new MessageList()): WindowContent {
  const n = scratch.fill(acc.counts);
  const messages = vocabulary.messages;
  const parts: Uint8Array[] = [];
  for (let m = 0; m < n; m++) parts.push(messages.bytesOf(scratch.ids[m]!));
  return {
    start: acc.start,
    count: acc.count,
    errorLevelLines: acc.errorLevelLines,
    messages: pack(parts),
    messageCounts: scratch.counts.slice(0, n),
    hosts: packIds(acc.counts.hostIds(), vocabulary.hosts),
    processes: packIds(acc.counts.processIds(), vocabulary.processes),
  };
}

function* strings(packed: PackedStrings): Generator<[Uint8Array, number, number]> {
  let from = 0;
  for (const end of packed.ends) {
    yield [packed.bytes, from, end];
    from = end;
  }
}

/**
 * The tally of one window from its parts (each the content of the window in one part of the log):
 * the same numbers a single extraction counting every record of the window gives. Messages, hosts
 * and processes are sets by content, so one seen in two parts counts once; counts add up. The
 * features depend only on those (entropy_tokens sums in an order set by the counts alone).
 */
export function mergeWindowParts(parts: readonly WindowContent[], scratch = new TallyScratch()): WindowTally {
  const first = parts[0];
  if (first === undefined) throw new Error("mergeWindowParts needs at least one part");
  const vocabulary = new FeatureVocabulary();
  const acc = new WindowAccumulator(first.start, undefined);
  for (const part of parts) {
    if (part.start !== first.start) throw new Error(`mergeWindowParts: windows ${first.start} and ${part.start}`);
    acc.addRecords(part.count, part.errorLevelLines);
    let k = 0;
    for (const [bytes, from, end] of strings(part.messages)) {
      acc.counts.addMessage(vocabulary.messages.intern(createView(bytes), from, end), part.messageCounts[k++]!);
    }
    for (const [bytes, from, end] of strings(part.hosts)) acc.counts.addHost(vocabulary.hosts.intern(bytes, from, end, hashBytes(bytes, from, end)));
    for (const [bytes, from, end] of strings(part.processes)) {
      acc.counts.addProcess(vocabulary.processes.intern(bytes, from, end, hashBytes(bytes, from, end)));
    }
  }
  return tallyWindow(acc, vocabulary.messages, null, scratch);
}
