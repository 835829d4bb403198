import { ERROR_KEYWORD, UNSEEN_TEMPLATE, type MessageTemplates, type TemplateAssigner } from "./message-templates";
import { TokenCounter } from "./token-counter";
import { templateCount, type TemplateLines } from "./template-lines";
import type { HostAlertLines, TemplateCatalog, WindowFeatures } from "./types";
import { Int32Arena } from "./int32-arena";
import { MessageList } from "./message-list";
import type { MessageVocabulary } from "./message-vocabulary";
import type { HostNames, WindowAccumulator } from "./window-accumulator";

// Local copies: imported names cost a getter call each under tsx's CommonJS output.
const UNSEEN = UNSEEN_TEMPLATE;
const ERROR = ERROR_KEYWORD;

/**
 * A template is rare in a log when it has at most `max(RARE_MIN_LINES, RARE_LINE_FRACTION * lines)`
 * lines there. No fixed count fits logs from 2k lines to millions: in a month of logs an hourly
 * job's template has 720 lines and is routine, while in a 2k-line sample 720 lines are a third of
 * the log. A share of the log scales: three lines in ten thousand (0.03%) is, at about a hundred
 * lines a minute, a template seen in a few windows in a hundred at most. Below ~17,000 lines that
 * share is under five lines, and "rare" would shrink to "seen once" on small samples, so five lines
 * is the floor. Measured on two generated logs (200k lines, seed 11; 1M lines, seed 7) with extended
 * features and automatic thresholds, ensemble F1 was 0.872 / 0.857 at 0.01%, 0.884 / 0.883 at
 * 0.03% and 0.871 / 0.892 at 0.1%; 0.03% is the share that did well on both. It was tuned on the
 * project's own generator, so treat it as a reasoned default, not a law.
 */
export const RARE_MIN_LINES = 5;
export const RARE_LINE_FRACTION = 3e-4;

/** The largest line count of a rare template in a log of `parsedLines` records. */
export function rareLineThreshold(parsedLines: number): number {
  return Math.max(RARE_MIN_LINES, Math.floor(RARE_LINE_FRACTION * parsedLines));
}

/** What a window leaves once its records are counted: enough to finish it without its messages. */
export interface WindowTally {
  start: number;
  count: number;
  /** The eight seed features. */
  values: number[];
  /** Extended only: lines per template id as mined (before merges), as TemplateLines (ids, then counts). */
  templates?: TemplateLines;
  /**
   * Extended, while its messages wait for their templates (mined on another thread): lines per
   * message id, until resolveTemplates turns them into the template lists above.
   */
  messageIds?: Int32Array;
  messageCounts?: Int32Array;
  unseen: number;
  errors: number;
  errorLevelLines: number;
  /** Extended: alert lines per host (WindowAccumulator.hostAlertLines). */
  hostAlerts?: HostAlertLines;
}

/**
 * A window's thirteen values (rare_template_lines, index 9, is 0 until every window is counted), in
 * an array of exactly that length that holds doubles unboxed. A spread literal made arrays of tagged
 * slots with room to grow and a boxed number for each fraction: 290 bytes an array against 161 here
 * (100,000 arrays measured), and 101,882 windows held 28 MiB of such arrays (heap snapshot, 10M lines,
 * 2026-12-07).
 */
function extendedValues(t: WindowTally, distinct: number): number[] {
  const seed = t.values;
  const n = seed.length;
  const values = new Array<number>(n + 5);
  for (let k = 0; k < n; k++) values[k] = seed[k]!;
  values[n] = distinct;
  values[n + 1] = 0;
  values[n + 2] = t.unseen;
  values[n + 3] = t.errors;
  values[n + 4] = t.errorLevelLines;
  return values;
}

/** Scratch reused from window to window. */
export class TallyScratch {
  readonly tokens = new TokenCounter(256);
  readonly messages = new MessageList();
  readonly lines = new Map<number, number>();
  /** The template and host lists of the tallies made with this scratch (they outlive it). */
  readonly lists = new Int32Arena();
}

/** Template ids and flags per message id, as far as they are assigned (TemplateAssigner). */
export type TemplateIds = Pick<TemplateAssigner, "size" | "ids" | "forgetBelow">;

/**
 * A window's tally while `vocabulary` holds its messages: the seed features and, extended
 * (`templates` given), its lines per template and flag. `templates` "later": its messages are not
 * all assigned yet, so the tally keeps lines per message for resolveTemplates.
 */
export function tallyWindow(
  acc: WindowAccumulator, vocabulary: MessageVocabulary, templates: TemplateIds | "later" | null, scratch: TallyScratch,
  hosts?: HostNames,
): WindowTally {
  scratch.tokens.clear();
  const values = acc.featureValues(vocabulary, scratch.tokens, scratch.messages);
  // Every field from the start, in one order, so that every tally has one shape: a tally that got
  // its lists later, and then lost them by `delete`, became a dictionary of its properties.
  const tally: WindowTally = {
    start: acc.start, count: acc.count, values, templates: undefined, messageIds: undefined,
    messageCounts: undefined, unseen: 0, errors: 0, errorLevelLines: acc.errorLevelLines, hostAlerts: undefined,
  };
  if (templates === null) return tally;
  // Extended callers give the vocabulary that names the hosts, for the host tails.
  const hostAlerts = hosts === undefined ? null : acc.hostAlertLines(hosts, scratch.lists);
  if (hostAlerts !== null) tally.hostAlerts = hostAlerts;
  const n = scratch.messages.fill(acc.counts);
  const { ids, counts } = scratch.messages;
  if (templates !== "later") {
    countTemplates(tally, ids, counts, n, templates, scratch);
    return tally;
  }
  tally.messageIds = ids.slice(0, n);
  tally.messageCounts = counts.slice(0, n);
  return tally;
}

/** The largest message id of a tally waiting on resolveTemplates (-1 when none waits). */
export function lastMessageId(tally: WindowTally): number {
  const ids = tally.messageIds;
  let last = -1;
  if (ids !== undefined) for (let m = 0; m < ids.length; m++) if (ids[m]! > last) last = ids[m]!;
  return last;
}

/** Turns a tally's lines per message into lines per template and flag (every message assigned). */
export function resolveTemplates(tally: WindowTally, templates: TemplateIds, scratch: TallyScratch): void {
  const ids = tally.messageIds;
  const counts = tally.messageCounts;
  if (ids === undefined || counts === undefined) return;
  countTemplates(tally, ids, counts, ids.length, templates, scratch);
  tally.messageIds = undefined;
  tally.messageCounts = undefined;
}

/** Lines per template and flag of a window's first `n` (message id, lines) pairs, into its tally. */
function countTemplates(
  tally: WindowTally, ids: ArrayLike<number>, counts: ArrayLike<number>, n: number, templates: TemplateIds, scratch: TallyScratch,
): void {
  const known = templates.ids;
  const lines = scratch.lines;
  lines.clear();
  for (let m = 0; m < n; m++) {
    const id = ids[m]!;
    const times = counts[m]!;
    const templateId = known.templateOf(id);
    lines.set(templateId, (lines.get(templateId) ?? 0) + times);
    const flag = known.flagsOf(id);
    if (flag & UNSEEN) tally.unseen += times;
    if (flag & ERROR) tally.errors += times;
  }
  const distinct = lines.size;
  const list = scratch.lists.take(2 * distinct);
  let k = 0;
  for (const id of lines.keys()) list[k++] = id;
  list.subarray(0, distinct).sort();
  for (k = 0; k < distinct; k++) list[distinct + k] = lines.get(list[k]!)!;
  tally.templates = list;
}

/**
 * Windows from their tallies (sorted by start): the seed eight, or for "extended" (`templates`
 * given) thirteen: then distinct_templates, rare_template_lines, unseen_template_lines,
 * error_keyword_lines, error_level_lines (counted by the extractor as records went by). Rarity
 * needs the whole log's template counts, so it is filled in by a second pass over the windows'
 * template lists. Template ids are the final miner's (`resolve`): word variants merged after their
 * messages went by count as the one template they became, in the windows and in the catalog, whose
 * entries are the live templates only (the ids the windows and the saved miner's `match` give).
 */
export function finishTallies(
  tallies: readonly WindowTally[], window: number, templates: MessageTemplates | null,
): { windows: WindowFeatures[]; templates?: TemplateCatalog } {
  if (templates === null) return { windows: tallies.map((t) => ({ start: t.start, end: t.start + window, values: t.values })) };
  const miner = templates.miner;
  const mined = templates.templateCount;
  const templateLines = new Float64Array(mined);
  const templateWindows = new Int32Array(mined);
  // Lines per template of the window at hand, and which templates it touched.
  const tally = new Int32Array(mined);
  const touched = new Int32Array(mined);
  const lists = new Int32Arena();
  let parsedLines = 0;

  const windows = tallies.map((t): WindowFeatures => {
    const raw = t.templates;
    if (raw === undefined) throw new Error("finishTallies: a window without templates");
    const rawCount = templateCount(raw);
    let distinct = 0;
    let merged = false;
    for (let k = 0; k < rawCount; k++) {
      const templateId = miner.resolve(raw[k]!);
      if (templateId !== raw[k]) merged = true;
      if (tally[templateId] === 0) touched[distinct++] = templateId;
      tally[templateId] = tally[templateId]! + raw[rawCount + k]!;
    }
    // No id of the window was merged (most windows): its list, ascending and distinct, is already
    // the answer, and keeping it instead of copying halves the lists' memory at the parse's end.
    const templates = merged ? lists.take(2 * distinct) : raw;
    if (merged) {
      templates.set(touched.subarray(0, distinct));
      templates.subarray(0, distinct).sort();
    }
    for (let k = 0; k < distinct; k++) {
      const templateId = templates[k]!;
      const lines = tally[templateId]!;
      templates[distinct + k] = lines;
      templateLines[templateId] = templateLines[templateId]! + lines;
      templateWindows[templateId] = templateWindows[templateId]! + 1;
      tally[templateId] = 0;
    }
    parsedLines += t.count;
    const values = extendedValues(t, distinct);
    const [start, end] = [t.start, t.start + window];
    // Every property in the literal: one added afterwards moves the object's properties out of it
    // (3.4 MiB of property arrays at 10M lines, heap snapshot of 2026-12-07).
    return t.hostAlerts === undefined ? { start, end, values, templates } : { start, end, values, templates, hostAlerts: t.hostAlerts };
  });

  const threshold = rareLineThreshold(parsedLines);
  for (const { values, templates: list } of windows) {
    if (list === undefined) continue;
    const n = templateCount(list);
    let rare = 0;
    for (let k = 0; k < n; k++) if (templateLines[list[k]!]! <= threshold) rare += list[n + k]!;
    values[9] = rare;
  }

  // A merged id has no lines left (they count under the template it joined), so it is no entry.
  const entries = miner.templates().filter((t) => t.mergedInto === undefined).map(({ id, template }) => ({
    id,
    template,
    lines: templateLines[id]!,
    windows: templateWindows[id]!,
    example: templates.exampleText(id),
  }));
  return { windows, templates: { miner: miner.toJSON(), entries, rareLineThreshold: threshold } };
}
