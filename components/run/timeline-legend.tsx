"use client";

import { ModelMarker } from "@/components/ui/model-marker";
import { formatCount } from "@/lib/ui/format";
import { MODEL_STYLE } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";
import type { TimelineDatasetKey } from "./timeline-config";

const LEGEND: { key: Exclude<TimelineDatasetKey, "line">; label: string }[] = [
  { key: "ensemble", label: "Ensemble" },
  { key: "isolationForest", label: MODEL_STYLE.isolationForest.name },
  { key: "dbscan", label: MODEL_STYLE.dbscan.name },
  { key: "autoencoder", label: MODEL_STYLE.autoencoder.name },
];

/** The timeline's marker toggles: one pressed button per model, with how many windows it flags. */
export function TimelineLegend({ labels, hidden, onToggle }: { labels: ClientLabels | null; hidden: ReadonlySet<TimelineDatasetKey>; onToggle: (key: TimelineDatasetKey) => void }) {
  return (
    <div className="mb-1 flex flex-wrap items-center gap-1.5 pl-1" role="group" aria-label="Show or hide markers">
      {LEGEND.map(({ key, label }) => {
        const on = !hidden.has(key);
        const flagged = labels ? (key === "ensemble" ? labels.counts.ensemble : labels.counts[key]) : null;
        return (
          <button
            key={key}
            type="button"
            aria-pressed={on}
            onClick={() => onToggle(key)}
            className={`inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors ${
              on ? "border-slate-200 bg-white text-slate-700 shadow-sm" : "border-dashed border-slate-300 bg-slate-50 text-slate-500 line-through"
            }`}
          >
            <ModelMarker model={key} size={10} muted={!on} />
            {label}
            <span className="tabular text-slate-500">{formatCount(flagged)}</span>
          </button>
        );
      })}
    </div>
  );
}
