import { ModelMarker } from "@/components/ui/model-marker";
import { MODEL_TEXT } from "@/components/ui/model-text";
import type { RunCurves, RunLabelEvaluation } from "@/lib/ui/evaluate-run-labels";
import { formatCount } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";

interface EvaluationTableProps {
  /** Null while the labels load (label columns show "—"). */
  labels: RunLabelEvaluation | null;
  /** Null while the scores load (AUC and AP show "—"). */
  curves: RunCurves | null;
  /** The model whose misses are listed below (its row is highlighted). */
  selected: LabelKey;
  onSelect: (model: LabelKey) => void;
}

type Column = "precision" | "recall" | "f1" | "auc" | "ap";

const fixed = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(3));

function valueOf(column: Column, key: LabelKey, labels: RunLabelEvaluation | null, curves: RunCurves | null): number | undefined {
  if (column === "auc") return curves?.models[key]?.roc.auc;
  if (column === "ap") return curves?.models[key]?.pr.averagePrecision;
  return labels?.models[key][column];
}

/** Best finite value of a column across the models, so the leader(s) can be emphasised. */
function bestOf(column: Column, labels: RunLabelEvaluation | null, curves: RunCurves | null): number {
  let best = -Infinity;
  for (const key of LABEL_KEYS) {
    const v = valueOf(column, key, labels, curves);
    if (v !== undefined && Number.isFinite(v) && v > best) best = v;
  }
  return best;
}

const HEAD = "px-2 py-1.5 text-right font-medium text-slate-500";
const CELL = "tabular px-2 py-1.5 text-right";
const COLUMNS: { column: Column; title: string; abbr?: string }[] = [
  { column: "precision", title: "Precision" },
  { column: "recall", title: "Recall" },
  { column: "f1", title: "F1" },
  { column: "auc", title: "ROC AUC", abbr: "Area under the ROC curve of the model's scores (threshold-free)" },
  { column: "ap", title: "Avg. precision", abbr: "Average precision of the model's scores (threshold-free)" },
];

/** Per model: labels under the current thresholds (flagged, P, R, F1, misses) and its scores' ranking quality (AUC, AP). */
export function EvaluationTable({ labels, curves, selected, onSelect }: EvaluationTableProps) {
  const best = Object.fromEntries(COLUMNS.map(({ column }) => [column, bestOf(column, labels, curves)])) as Record<Column, number>;
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">
        Each model&apos;s labels against the ground truth under the current thresholds, and the ranking quality of its scores
      </caption>
      <thead className="border-b border-slate-100">
        <tr>
          <th scope="col" className="px-2 py-1.5 text-left font-medium text-slate-500">Model</th>
          <th scope="col" className={HEAD}>Flagged</th>
          {COLUMNS.map(({ column, title, abbr }) => (
            <th key={column} scope="col" className={HEAD}>
              {abbr ? <abbr title={abbr} className="no-underline">{title}</abbr> : title}
            </th>
          ))}
          <th scope="col" className={HEAD}>Missed</th>
        </tr>
      </thead>
      <tbody>
        {LABEL_KEYS.map((key) => {
          const style = MODEL_STYLE[key];
          const row = labels?.models[key];
          const isSelected = key === selected;
          const unscored = curves !== null && curves.models[key] === null;
          return (
            <tr key={key} className={`border-b border-slate-50 last:border-0 ${isSelected ? "bg-slate-50" : ""}`}>
              <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-700">
                <span className="inline-flex items-center gap-1.5">
                  <ModelMarker model={key} size={9} />
                  {style.name}
                </span>
              </th>
              <td className={`${CELL} text-slate-700`}>{formatCount(row?.flagged)}</td>
              {COLUMNS.map(({ column }) => {
                const v = valueOf(column, key, labels, curves);
                const lead = v !== undefined && Number.isFinite(v) && v === best[column];
                return (
                  <td
                    key={column}
                    className={`${CELL} ${lead ? "font-semibold text-slate-900" : "text-slate-600"}`}
                    title={unscored && (column === "auc" || column === "ap") ? "No scores for this model on this page" : undefined}
                  >
                    {fixed(v)}
                    {lead && <span className="sr-only"> (best)</span>}
                  </td>
                );
              })}
              <td className={CELL}>
                <button
                  type="button"
                  aria-pressed={isSelected}
                  aria-label={`${row ? formatCount(row.missed.length) : "Unknown number of"} labelled windows missed by ${style.name}: list them`}
                  onClick={() => onSelect(key)}
                  disabled={!row}
                  className={`tabular rounded px-1.5 py-0.5 font-medium ${isSelected && row ? "text-white" : "text-slate-700 hover:bg-slate-100 disabled:hover:bg-transparent"}`}
                  style={isSelected && row ? { backgroundColor: MODEL_TEXT[key] } : undefined}
                >
                  {row ? formatCount(row.missed.length) : "—"}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
