import { FEATURE_SETS, type FeatureSet } from "@/lib/domain/types";
import { hashBytes } from "./byte-hash";
import { createView } from "./byte-view";
import { ErrorLevelTest } from "./error-level";
import { MessageTemplates } from "./message-templates";
import { TallyScratch, finishTallies, tallyWindow, type WindowTally } from "./template-features";
import type { FeatureVocabulary } from "./window-accumulator";
import { WindowGrouper } from "./window-grouper";
import { type LogRecord, type TemplateCatalog, type WindowFeatures } from "./types";
import type { TemplateMinerJson } from "./templates/types";

export { FeatureVocabulary, WindowAccumulator, computeTokenEntropy } from "./window-accumulator";
export { WindowGrouper, alignWindowStart, assertWindowLength } from "./window-grouper";

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
 * Finish a grouper: every window's tally (those in `closed`, taken earlier by a bounded extraction,
 * and the running ones), then the seed windows, or for "extended" (`templates` given) thirteen
 * features per window plus the template catalog (template-features.ts).
 */
export function finishWindows(
  grouper: WindowGrouper, templates: MessageTemplates | null, closed: readonly WindowTally[] = [],
): { windows: WindowFeatures[]; templates?: TemplateCatalog } {
  const messages = grouper.vocabulary.messages;
  templates?.assignNew(messages);
  const scratch = new TallyScratch();
  const open = grouper.sortedWindows().map((acc) => tallyWindow(acc, messages, templates, scratch, grouper.vocabulary));
  const tallies = closed.length === 0 ? open : [...closed, ...open].sort((a, b) => a.start - b.start);
  return finishTallies(tallies, grouper.window, templates);
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
  grouper.hostAlerts = extended;
  const errorLevel = new ErrorLevelTest();
  for (const r of records) {
    const ids = internTextRecord(r.host, r.process, r.message, grouper.vocabulary);
    grouper.add(r.ts, ids.hostId, ids.processId, ids.messageId);
    grouper.countAlerts(ids.hostId, ids.messageId, r.level !== undefined && errorLevel.test(r.level));
  }
  return finishWindows(grouper, extended ? new MessageTemplates(trainedTemplates) : null).windows;
}
