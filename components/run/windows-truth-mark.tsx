import type { TruthMark } from "@/lib/ui/window-rows";

/** How each ground-truth mark reads (short in the table, long on the window page and in titles). */
export const TRUTH_MARK_TEXT: Record<TruthMark, { short: string; long: string; filter: string; title: string }> = {
  tp: { short: "TP", long: "True positive", filter: "True positives", title: "Labelled anomalous and flagged by the ensemble" },
  fp: { short: "FP", long: "False positive", filter: "False positives", title: "Flagged by the ensemble but not labelled anomalous" },
  fn: { short: "Missed", long: "Missed (false negative)", filter: "Missed", title: "Labelled anomalous but not flagged by the ensemble" },
};

// Dark text on a pale fill: above 4.5:1 (WCAG AA) for the small badge text.
const STYLES: Record<TruthMark, string> = {
  tp: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  fp: "bg-amber-50 text-amber-900 ring-amber-300",
  fn: "bg-violet-50 text-violet-800 ring-violet-300",
};

/** A window's ground-truth mark under the current thresholds, as a badge. */
export function TruthMarkBadge({ mark, long = false }: { mark: TruthMark; long?: boolean }) {
  const text = TRUTH_MARK_TEXT[mark];
  return (
    <span title={text.title} data-truth-mark={mark} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[mark]}`}>
      {long ? text.long : text.short}
    </span>
  );
}
