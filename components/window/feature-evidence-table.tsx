import type { FeatureEvidence } from "@/lib/pipeline/explain-window";
import { formatNumber } from "@/lib/ui/format";
import { MODEL_STYLE } from "@/lib/ui/model-style";
import { ShareBar, ZBar } from "./evidence-bars";
import { featureLabel } from "@/lib/ui/feature-labels";

interface Props {
  features: readonly FeatureEvidence[];
  /** Names of the explanation's top contributing features, marked in the table. */
  top: readonly string[];
}

/**
 * Every feature through the three lenses at once: how far it is from the run's median (robust z),
 * how much of the autoencoder's reconstruction error it carries, and how many of the Isolation
 * Forest's isolating splits were on it. Rows come most deviating first.
 */
export function FeatureEvidenceTable({ features, top }: Props) {
  const topSet = new Set(top);
  return (
    <table className="tabular w-full self-start text-[13px]">
      <caption className="sr-only">
        Per feature: the window&apos;s value, the run&apos;s median, the robust z-score, the share of the autoencoder&apos;s reconstruction error and the share of
        Isolation Forest&apos;s isolating splits. Top contributing features are marked.
      </caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-500">
          <th scope="col" className="py-1.5 text-left font-medium">Feature</th>
          <th scope="col" className="pl-3 text-right font-medium">Value</th>
          <th scope="col" className="pl-3 text-right font-medium">Median</th>
          <th scope="col" className="text-right font-medium" title="Robust z-score against the run's median">z</th>
          <th scope="col" className="text-right font-medium" title="Share of the autoencoder's reconstruction error">
            <abbr title="Share of the autoencoder's reconstruction error" className="no-underline">AE error</abbr>
          </th>
          <th scope="col" className="text-right font-medium" title="Share of Isolation Forest's isolating splits">
            <abbr title="Share of Isolation Forest's isolating splits" className="no-underline">IF splits</abbr>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {features.map((f) => {
          const isTop = topSet.has(f.name);
          return (
            <tr key={f.name} className={isTop ? "bg-blue-50/50" : undefined}>
              <th scope="row" className={`py-1.5 pl-1 text-left ${isTop ? "font-medium text-slate-900" : "font-normal text-slate-600"}`}>
                <span className="flex items-center gap-1.5">
                  {isTop && <span aria-hidden="true" className="h-1.5 w-1.5 shrink-0 rounded-full bg-blue-600" />}
                  {featureLabel(f.name)}
                  {isTop && <span className="sr-only"> (top contributor)</span>}
                </span>
              </th>
              <td className="pl-3 text-right font-medium text-slate-900">{formatNumber(f.value, 4)}</td>
              <td className="pl-3 text-right text-slate-500">{formatNumber(f.median, 4)}</td>
              <td className="pl-3"><ZBar z={f.z} /></td>
              <td className="pl-3"><ShareBar share={f.aeShare} color={MODEL_STYLE.autoencoder.color} missing="not stored for this run" /></td>
              <td className="pl-3 pr-1"><ShareBar share={f.ifShare} color={MODEL_STYLE.isolationForest.color} missing="no saved forest" /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
