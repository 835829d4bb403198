import Link from "next/link";
import { ModelMarker } from "@/components/ui/model-marker";
import { MODEL_TEXT } from "@/components/ui/model-text";
import { formatNumber, formatUtc } from "@/lib/ui/format";
import { MODEL_STYLE } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";

interface TimelineSelectionProps {
  index: number;
  start: number;
  featureLabel: string;
  value: number;
  labels: ClientLabels;
  href: string;
  onClear: () => void;
}

/** The selected window under the timeline: time, the plotted value, which models flag it, a link to it. */
export function TimelineSelection({ index, start, featureLabel, value, labels, href, onClear }: TimelineSelectionProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-1 border-t border-slate-100 bg-slate-50/70 px-4 py-2.5 text-xs">
      <span className="font-medium text-slate-900">
        Window #{index} · {formatUtc(start)} UTC
      </span>
      <span className="text-slate-600">
        {featureLabel}: <span className="tabular font-medium text-slate-800">{formatNumber(value)}</span>
      </span>
      <span className="flex items-center gap-2 text-slate-600">
        {(["isolationForest", "dbscan", "autoencoder", "ensemble"] as const).map((k) =>
          labels[k][index] ? (
            <span key={k} className="inline-flex items-center gap-1" style={{ color: MODEL_TEXT[k] }}>
              <ModelMarker model={k} size={9} /> {MODEL_STYLE[k].short}
            </span>
          ) : null,
        )}
        {labels.votes[index] === 0 && "no model flags it"}
      </span>
      <span className="ml-auto flex gap-3">
        <button type="button" className="text-slate-500 hover:text-slate-800" onClick={onClear}>
          Clear
        </button>
        <Link href={href} className="font-medium text-blue-700 hover:text-blue-900">
          Open window →
        </Link>
      </span>
    </div>
  );
}
