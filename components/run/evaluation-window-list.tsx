import Link from "next/link";
import { useId } from "react";
import { ModelMarker } from "@/components/ui/model-marker";
import { formatCount, formatUtcShort } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";

/** Which windows a list shows: labelled ones the model lets through, or flagged ones the labels call normal. */
export type EvaluationListKind = "missed" | "falsePositives";

const TEXT: Record<EvaluationListKind, { heading: (name: string) => string; none: (name: string) => string }> = {
  missed: {
    heading: (name) => `Labelled windows missed by ${name}`,
    none: (name) => `None: ${name} flags every labelled window.`,
  },
  falsePositives: {
    heading: (name) => `False positives of ${name}`,
    none: (name) => `None: every window ${name} flags is labelled anomalous.`,
  },
};

interface EvaluationWindowListProps {
  kind: EvaluationListKind;
  /** Whose windows are listed. */
  model: LabelKey;
  /** The windows, ascending; null while the labels load. */
  windows: readonly number[] | null;
  /** Window starts (Unix seconds) to show beside the indices; optional. */
  starts?: ArrayLike<number> | null;
  windowHref: (index: number) => string;
  /** Links shown before "and N more". */
  limit?: number;
}

/** One model's missed windows or false positives under the current thresholds, as links to their pages. */
export function EvaluationWindowList({ kind, model, windows, starts, windowHref, limit = 20 }: EvaluationWindowListProps) {
  const shown = windows?.slice(0, limit) ?? [];
  const more = windows ? windows.length - shown.length : 0;
  const name = MODEL_STYLE[model].name;
  const headingId = useId();
  return (
    <div className="min-w-0">
      <h3 id={headingId} className="mb-2 text-xs font-medium text-slate-700">
        {TEXT[kind].heading(name)}
        {windows && <span className="tabular ml-1 font-normal text-slate-500">({formatCount(windows.length)})</span>}
      </h3>
      {windows === null ? (
        <p className="text-xs text-slate-500">Loading the labels…</p>
      ) : windows.length === 0 ? (
        <p className="text-xs text-slate-500">{TEXT[kind].none(name)}</p>
      ) : (
        <ul aria-labelledby={headingId} className="flex flex-wrap gap-1.5">
          {shown.map((index) => {
            const start = starts?.[index];
            return (
              <li key={index}>
                <Link
                  href={windowHref(index)}
                  className="tabular inline-flex h-6 items-center gap-1 rounded border border-slate-200 bg-white px-1.5 text-[11px] text-slate-700 hover:border-blue-300 hover:text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500"
                  aria-label={`Window ${index}${start !== undefined ? `, ${formatUtcShort(start)} UTC` : ""}`}
                >
                  <span className="font-semibold">#{index}</span>
                  {start !== undefined && <span className="text-slate-500">{formatUtcShort(start)}</span>}
                </Link>
              </li>
            );
          })}
          {more > 0 && <li className="self-center text-[11px] text-slate-500">and {formatCount(more)} more</li>}
        </ul>
      )}
    </div>
  );
}

/** The model whose windows the lists show. */
export function EvaluationModelSwitch({ model, onModelChange }: { model: LabelKey; onModelChange: (model: LabelKey) => void }) {
  return (
    <div role="group" aria-label="Model whose windows are listed" className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5">
      {LABEL_KEYS.map((key) => (
        <button
          key={key}
          type="button"
          aria-pressed={key === model}
          title={MODEL_STYLE[key].name}
          onClick={() => onModelChange(key)}
          className={`inline-flex h-6 items-center gap-1 rounded px-1.5 text-[11px] font-semibold ${key === model ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800"}`}
        >
          <ModelMarker model={key} size={8} />
          {MODEL_STYLE[key].short}
        </button>
      ))}
    </div>
  );
}
