import { ERROR_KEYWORD, UNSEEN_TEMPLATE, type MessageTemplates } from "./message-templates";
import { TokenCounter } from "./token-counter";
import type { TemplateCatalog, WindowFeatures } from "./types";
import { MessageList } from "./message-list";
import type { FeatureVocabulary, WindowAccumulator } from "./window-features";

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

/**
 * Features of the "extended" set for windows already grouped (sorted by start): the seed eight,
 * then distinct_templates, rare_template_lines, unseen_template_lines, error_keyword_lines,
 * error_level_lines (counted by the extractor as records went by). Every
 * message must have been assigned (`templates.assignNew`) first. Rarity needs the whole log's
 * template counts, so it is filled in by a second pass over the windows' template lists.
 * Template ids are the final miner's (`resolveMerged`): word variants merged after their messages
 * went by count as the one template they became, in the windows and in the catalog, whose entries
 * are the live templates only (the ids the windows and the saved miner's `match` give).
 */
export function finishExtendedWindows(
  accumulators: readonly WindowAccumulator[],
  window: number,
  vocabulary: FeatureVocabulary,
  templates: MessageTemplates,
): { windows: WindowFeatures[]; templates: TemplateCatalog } {
  if (templates.size < vocabulary.messages.size) throw new Error("finishExtendedWindows: messages left without a template");
  templates.resolveMerged();
  const templateCount = templates.templateCount;
  const templateLines = new Float64Array(templateCount);
  const templateWindows = new Int32Array(templateCount);
  // Lines per template of the window at hand, and which templates it touched.
  const tally = new Int32Array(templateCount);
  const touched = new Int32Array(templateCount);
  const tokens = new TokenCounter(256);
  const scratch = new MessageList();
  const { templateOf, flags } = templates;
  let parsedLines = 0;

  const windows = accumulators.map((acc): WindowFeatures => {
    tokens.clear();
    const values = acc.featureValues(vocabulary.messages, tokens, scratch);
    const n = scratch.fill(acc.counts);
    const ids = scratch.ids;
    const counts = scratch.counts;
    let distinct = 0;
    let unseen = 0;
    let errors = 0;
    for (let m = 0; m < n; m++) {
      const id = ids[m]!;
      const times = counts[m]!;
      const templateId = templateOf[id]!;
      if (tally[templateId] === 0) touched[distinct++] = templateId;
      tally[templateId] = tally[templateId]! + times;
      const flag = flags[id]!;
      if (flag & UNSEEN) unseen += times;
      if (flag & ERROR) errors += times;
    }
    const windowIds = touched.slice(0, distinct).sort();
    const windowCounts = new Int32Array(distinct);
    for (let k = 0; k < distinct; k++) {
      const templateId = windowIds[k]!;
      const lines = tally[templateId]!;
      windowCounts[k] = lines;
      templateLines[templateId] = templateLines[templateId]! + lines;
      templateWindows[templateId] = templateWindows[templateId]! + 1;
      tally[templateId] = 0;
    }
    parsedLines += acc.count;
    // rare_template_lines (index 9) is known once every window is counted.
    values.push(distinct, 0, unseen, errors, acc.errorLevelLines);
    return { start: acc.start, end: acc.start + window, values, templates: { ids: windowIds, counts: windowCounts } };
  });

  const threshold = rareLineThreshold(parsedLines);
  for (const { values, templates: lists } of windows) {
    if (lists === undefined) continue;
    let rare = 0;
    for (let k = 0; k < lists.ids.length; k++) if (templateLines[lists.ids[k]!]! <= threshold) rare += lists.counts[k]!;
    values[9] = rare;
  }

  const miner = templates.miner;
  // A merged id has no lines left (they count under the template it joined), so it is no entry.
  const entries = miner.templates().filter((t) => t.mergedInto === undefined).map(({ id, template }) => ({
    id,
    template,
    lines: templateLines[id]!,
    windows: templateWindows[id]!,
    example: vocabulary.messages.text(templates.exampleMessage(id)),
  }));
  return { windows, templates: { miner: miner.toJSON(), entries, rareLineThreshold: threshold } };
}
