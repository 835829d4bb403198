import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { MODEL_TEXT, NORMAL_BADGE } from "@/components/ui/model-text";
import type { WindowExplanation } from "@/lib/pipeline/explain-window";
import { formatNumber, formatPercent } from "@/lib/ui/format";
import { MODEL_STYLE, type ModelKey } from "@/lib/ui/model-style";
import { DbscanGauge } from "./dbscan-gauge";
import { zTone } from "./evidence-bars";
import { featureLabel } from "@/lib/ui/feature-labels";

const TOP_SHARES = 3;

/** The sentence, the features that matter most, and each model's own reason side by side. */
export function WhySummary({ explanation }: { explanation: WindowExplanation }) {
  const byName = new Map(explanation.features.map((f) => [f.name, f]));
  const { isolationForest: forest, autoencoder: ae } = explanation;
  return (
    <Card label="Why this window: summary" className="min-w-0">
      <CardHeader title="In one sentence" description="What the models saw, judged against the whole run" />
      <div className="space-y-4 p-4">
        <p data-testid="why-summary" className="text-[15px] leading-relaxed text-slate-900">{explanation.summary}</p>
        {explanation.topFeatures.length > 0 && (
          <div>
            <h3 className="text-xs font-medium text-slate-500">Top contributing features</h3>
            <ul className="mt-1.5 flex flex-wrap gap-2" aria-label="Top contributing features">
              {explanation.topFeatures.map((name) => {
                const f = byName.get(name);
                return (
                  <li key={name} className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1 text-[13px]">
                    <span className="font-medium text-slate-800">{featureLabel(name)}</span>
                    {f && <span className={`tabular text-xs ${zTone(f.z)}`}>z {formatNumber(f.z, 3)}</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {/* Three columns when the card is wide enough (it shares its row with the verdict), else IF and AE side by side over DBSCAN. */}
        <div className="@container border-t border-slate-100 pt-4">
          <div className="grid grid-cols-1 gap-x-5 gap-y-4 @md:grid-cols-2 @2xl:grid-cols-3">
            <ModelReason
              model="isolationForest"
              verdict={forest.anomalous}
              line={`score ${formatNumber(forest.score, 4)} ${forest.anomalous ? ">" : "≤"} ${formatNumber(forest.threshold, 4)}`}
              heading="isolating splits on"
              shares={forest.attribution}
              missing="No saved forest to attribute the score to."
            />
            <section aria-label="DBSCAN evidence" className="min-w-0 @md:order-last @md:col-span-2 @2xl:order-none @2xl:col-span-1">
              <ModelHeading model="dbscan" verdict={explanation.dbscan.noise} />
              <div className="mt-2">
                <DbscanGauge dbscan={explanation.dbscan} />
              </div>
            </section>
            <ModelReason
              model="autoencoder"
              verdict={ae.anomalous}
              line={`error ${formatNumber(ae.error, 4)} ${ae.anomalous ? ">" : "≤"} ${formatNumber(ae.threshold, 4)}`}
              heading="reconstruction error from"
              shares={ae.contributions}
              missing="Per-feature errors were not stored for this run."
            />
          </div>
        </div>
      </div>
    </Card>
  );
}

function ModelHeading({ model, verdict }: { model: ModelKey; verdict: boolean }) {
  const style = MODEL_STYLE[model];
  return (
    <h3 className="flex items-center justify-between gap-2 text-[13px] font-medium text-slate-800">
      <span className="flex items-center gap-2">
        <ModelMarker model={model} size={10} />
        {style.name}
      </span>
      <span
        className="rounded px-1.5 py-0.5 text-[10.5px] font-semibold"
        style={verdict ? { backgroundColor: style.tint, color: MODEL_TEXT[model] } : NORMAL_BADGE}
      >
        {verdict ? "anomalous" : "normal"}
      </span>
    </h3>
  );
}

interface ModelReasonProps {
  model: ModelKey;
  verdict: boolean;
  line: string;
  heading: string;
  shares: readonly { name: string; share: number }[];
  missing: string;
}

function ModelReason({ model, verdict, line, heading, shares, missing }: ModelReasonProps) {
  const color = MODEL_STYLE[model].color;
  return (
    <section aria-label={`${MODEL_STYLE[model].name} evidence`} className="min-w-0">
      <ModelHeading model={model} verdict={verdict} />
      <div className="tabular mt-1 text-xs text-slate-500">{line}</div>
      {shares.length === 0 ? (
        <p className="mt-2 text-xs text-slate-500">{missing}</p>
      ) : (
        <>
          <div className="mt-2 text-[11px] uppercase tracking-wide text-slate-500">{heading}</div>
          <ul className="mt-1 space-y-1.5">
            {shares.slice(0, TOP_SHARES).map((s) => (
              <li key={s.name} className="text-xs">
                <div className="flex justify-between gap-2">
                  <span className="truncate text-slate-700">{featureLabel(s.name)}</span>
                  <span className="tabular font-medium text-slate-900">{formatPercent(s.share, 0)}</span>
                </div>
                <div aria-hidden="true" className="mt-0.5 h-1.5 overflow-hidden rounded-full bg-slate-100">
                  <div className="h-full rounded-full" style={{ width: `${Math.min(1, s.share) * 100}%`, backgroundColor: color }} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
