import { memo } from "react";
import { ModelMarker } from "@/components/ui/model-marker";
import { MODEL_TEXT } from "@/components/ui/model-text";
import { flagShareWarnings } from "@/lib/domain/flag-share";
import { formatCount, formatPercent } from "@/lib/ui/format";
import { MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";

const KEYS: LabelKey[] = ["isolationForest", "dbscan", "autoencoder", "ensemble"];

/**
 * Windows and anomalies per model under the current thresholds, and a warning for each detector
 * that flags more than a fifth of them (lib/domain/flag-share.ts), which follows the sliders.
 */
export const RunCounts = memo(function RunCounts({ windowCount, labels, modified }: { windowCount: number; labels: ClientLabels; modified: boolean }) {
  const warnings = flagShareWarnings(labels.counts, windowCount);
  return (
    <>
    <div className="mb-5 grid grid-cols-2 gap-px md:grid-cols-[1fr_1fr_1fr_1fr_1.2fr] overflow-hidden rounded-lg border border-slate-200 bg-slate-200" aria-live="polite">
      <div className="col-span-2 bg-white px-4 py-3 md:col-span-1">
        <div className="text-xs font-medium text-slate-500">Windows</div>
        <div className="tabular mt-1 text-xl font-semibold text-slate-900">{formatCount(windowCount)}</div>
        <div className="mt-0.5 text-xs text-slate-500">{formatCount(labels.counts.anyModel)} flagged by any model</div>
      </div>
      {KEYS.map((key) => {
        const count = labels.counts[key];
        const style = MODEL_STYLE[key];
        return (
          <div key={key} className={`px-4 py-3 ${key === "ensemble" ? "bg-[#fef8f8]" : "bg-white"}`}>
            <div className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
              <ModelMarker model={key} size={10} />
              {style.name}
              {key === "ensemble" && modified && <span className="ml-auto rounded bg-blue-100 px-1.5 py-0.5 text-[10px] font-semibold text-blue-700">custom thresholds</span>}
            </div>
            <div className="tabular mt-1 text-xl font-semibold" style={{ color: key === "ensemble" ? MODEL_TEXT.ensemble : "#0f172a" }}>
              {formatCount(count)}
            </div>
            <div className="tabular mt-0.5 text-xs text-slate-500">{formatPercent(count / Math.max(windowCount, 1))} of windows</div>
          </div>
        );
      })}
    </div>
    {warnings.length > 0 && (
      // The note wraps the list: role="note" on the <ul> itself would take its items out of a list (axe: listitem).
      <div role="note" aria-label="Threshold warnings" className="mb-5 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
        <ul className="space-y-1">
          {warnings.map((warning) => (
            <li key={warning.detector}>{warning.message}</li>
          ))}
        </ul>
      </div>
    )}
    </>
  );
});
