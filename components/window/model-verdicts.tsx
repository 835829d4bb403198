import type { LabelSettings } from "@/lib/domain/types";
import type { WindowContext } from "@/lib/server/runs/load-window-context";
import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { MODEL_TEXT, NORMAL_BADGE } from "@/components/ui/model-text";
import { formatNumber, formatPercent } from "@/lib/ui/format";
import { MODEL_STYLE, type ModelKey } from "@/lib/ui/model-style";

interface Verdict {
  model: ModelKey;
  score: string;
  rule: string;
  flagged: boolean;
}

/** The ensemble's verdict and, per model, the score against its threshold. */
export function ModelVerdicts({ context, settings }: { context: WindowContext; settings: LabelSettings }) {
  const { row, labels } = context;
  const verdicts: Verdict[] = [
    { model: "isolationForest", score: formatNumber(row.ifScore, 4), rule: `> ${formatNumber(context.ifThreshold, 4)} (top ${formatPercent(settings.contamination, 2)})`, flagged: labels.isolationForest },
    { model: "dbscan", score: formatNumber(context.dbscanDistance, 4), rule: `noise unless within eps ${formatNumber(settings.eps, 4)} of a core (min ${settings.minSamples})`, flagged: labels.dbscan },
    { model: "autoencoder", score: formatNumber(row.aeError, 4), rule: `> ${formatNumber(context.aeThreshold, 4)} (p${settings.aePercentile})`, flagged: labels.autoencoder },
  ];
  return (
    <Card label="Model verdicts">
      <CardHeader
        title="Verdict"
        description={context.score ? `Ensemble: combined score above ${formatNumber(context.score.cut, 3)}` : `Ensemble needs ${settings.votes} of 3 votes`}
      />
      <div className={`mx-4 mt-4 rounded-md px-4 py-3 ${labels.ensemble ? "bg-red-50 ring-1 ring-red-200" : "bg-emerald-50 ring-1 ring-emerald-200"}`}>
        <div className={`text-lg font-semibold ${labels.ensemble ? "text-red-700" : "text-emerald-700"}`}>{labels.ensemble ? "Anomalous" : "Normal"}</div>
        <div className="mt-0.5 text-xs text-slate-600">
          {/* A score run flags by its combined score, which may flag a window no model flags alone (a feature or a host far out). */}
          {context.score && <>Combined score {formatNumber(context.score.value, 3)} against {formatNumber(context.score.cut, 3)} · </>}
          {context.votes} of 3 models flag this window
        </div>
        <div className="mt-2 flex gap-1" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <span key={i} className={`h-1.5 flex-1 rounded-full ${i < context.votes ? (labels.ensemble ? "bg-red-500" : "bg-amber-400") : "bg-slate-200"}`} />
          ))}
        </div>
      </div>
      <ul className="divide-y divide-slate-100 px-4 py-2">
        {verdicts.map((v) => {
          const style = MODEL_STYLE[v.model];
          return (
            <li key={v.model} className="py-3">
              <div className="flex items-center justify-between">
                <span className="flex items-center gap-2 text-sm font-medium text-slate-800">
                  <ModelMarker model={v.model} size={11} />
                  {style.name}
                </span>
                <span
                  className="rounded px-1.5 py-0.5 text-[11px] font-semibold"
                  style={v.flagged ? { backgroundColor: style.tint, color: MODEL_TEXT[v.model] } : NORMAL_BADGE}
                >
                  {v.flagged ? "anomalous" : "normal"}
                </span>
              </div>
              <div className="mt-1 flex items-baseline justify-between gap-3 text-xs">
                <span className="text-slate-500">{v.model === "dbscan" ? "distance to nearest core" : v.model === "autoencoder" ? "reconstruction error" : "anomaly score"}</span>
                <span className="tabular text-sm font-semibold text-slate-900">{v.score}</span>
              </div>
              <div className="mt-0.5 text-[11px] text-slate-500">{v.rule}</div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
