import type { ReactNode } from "react";
import type { FeatureDeviation } from "@/lib/server/runs/load-window-context";
import { Card, CardHeader } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { AlertIcon } from "@/components/ui/icons";
import type { WindowExplanationView } from "@/lib/server/runs/window-explanation";
import { formatNumber } from "@/lib/ui/format";
import { Z_UNUSUAL, ZBar } from "./evidence-bars";
import { FeatureEvidenceTable } from "./feature-evidence-table";
import { featureLabel } from "@/lib/ui/feature-labels";
import { FeatureZChart } from "./feature-z-chart";
import { TemplateEvidence } from "./template-evidence";
import { WhySummary } from "./why-summary";

/** The explanation, or the one sentence saying why there is none (the rest of the page still works). */
export type ExplanationResult = { ok: true; view: WindowExplanationView } | { ok: false; message: string };

/*
 * The "Why this window" parts are async server components awaiting one shared promise, each inside
 * its own Suspense boundary: the verdicts, chart and raw lines show at once, the evidence as soon as
 * the saved forest and templates are read.
 */

export async function WhySummarySlot({ result }: { result: Promise<ExplanationResult> }) {
  const r = await result;
  if (!r.ok) {
    return (
      <Card label="Why this window: summary">
        <CardHeader title="In one sentence" />
        <p role="alert" className="flex gap-2 px-4 py-4 text-sm text-amber-800">
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          {r.message}
        </p>
      </Card>
    );
  }
  return <WhySummary explanation={r.view} />;
}

interface FeaturesSlotProps {
  result: Promise<ExplanationResult>;
  /** The page's own z-scores, shown alone when there is no explanation. */
  fallback: readonly FeatureDeviation[];
}

export async function FeatureEvidenceSlot({ result, fallback }: FeaturesSlotProps) {
  const r = await result;
  const features = r.ok ? r.view.features : fallback;
  const bars = features.map((f) => ({ label: featureLabel(f.name), z: f.z, value: f.value, median: f.median }));
  return (
    <FeaturesCard chart={<FeatureZChart bars={bars} />}>
      {r.ok ? <FeatureEvidenceTable features={r.view.features} top={r.view.topFeatures} /> : <PlainZTable features={fallback} />}
    </FeaturesCard>
  );
}

/** While the explanation loads: the same card with the page's own z-scores. */
export function FeatureEvidenceFallback({ features }: { features: readonly FeatureDeviation[] }) {
  const bars = features.map((f) => ({ label: featureLabel(f.name), z: f.z, value: f.value, median: f.median }));
  return (
    <FeaturesCard chart={<FeatureZChart bars={bars} />}>
      <PlainZTable features={features} />
    </FeaturesCard>
  );
}

function FeaturesCard({ chart, children }: { chart: ReactNode; children: ReactNode }) {
  return (
    <Card label="Features versus the run">
      <CardHeader
        title="Features vs the run's median"
        description={`Robust z-score: distance from the run's median in scaled MADs (|z| ≥ ${Z_UNUSUAL} is unusual); beside it, each feature's share of the autoencoder's error and of Isolation Forest's isolating splits`}
      />
      <div className="grid grid-cols-1 gap-5 p-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="min-w-0">{chart}</div>
        <ScrollRegion label="Feature table" className="min-w-0 overflow-x-auto">{children}</ScrollRegion>
      </div>
    </Card>
  );
}

function PlainZTable({ features }: { features: readonly FeatureDeviation[] }) {
  return (
    <table className="tabular w-full self-start text-[13px]">
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-500">
          <th scope="col" className="py-1.5 text-left font-medium">Feature</th>
          <th scope="col" className="text-right font-medium">Value</th>
          <th scope="col" className="text-right font-medium">Median</th>
          <th scope="col" className="text-right font-medium">z</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {features.map((f) => (
          <tr key={f.name}>
            <th scope="row" className="py-1.5 text-left font-normal text-slate-600">{featureLabel(f.name)}</th>
            <td className="text-right font-medium text-slate-900">{formatNumber(f.value, 4)}</td>
            <td className="text-right text-slate-500">{formatNumber(f.median, 4)}</td>
            <td className="pl-3"><ZBar z={f.z} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface TemplatesSlotProps {
  result: Promise<ExplanationResult>;
  extended: boolean;
  rerunHref: string;
}

export async function TemplateEvidenceSlot({ result, extended, rerunHref }: TemplatesSlotProps) {
  const r = await result;
  if (!r.ok) return null;
  return <TemplateEvidence templates={r.view.templates} extended={extended} rerunHref={rerunHref} />;
}

/** A card-sized placeholder while the explanation is read. */
export function EvidenceSkeleton({ label, className = "h-64" }: { label: string; className?: string }) {
  return (
    <Card label={label}>
      <div aria-busy="true" className={`animate-pulse bg-slate-50 ${className}`}>
        <span className="sr-only">Loading {label.toLowerCase()}…</span>
      </div>
    </Card>
  );
}
