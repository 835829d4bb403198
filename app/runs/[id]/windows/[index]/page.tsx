import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { baseSettings } from "@/app/_server/load-run-series";
import { loadWindowContext } from "@/app/_server/load-window-context";
import { parseId } from "@/app/_server/route-params";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { FeatureZChart } from "@/components/window/feature-z-chart";
import { ModelVerdicts } from "@/components/window/model-verdicts";
import { RawLines } from "@/components/window/raw-lines";
import { getRun } from "@/lib/db/get-run";
import type { FeatureName } from "@/lib/logs/types";
import { FEATURE_LABELS } from "@/lib/ui/feature-labels";
import { formatCount, formatNumber, formatUtc, formatWindowLength } from "@/lib/ui/format";
import { decodeRunView, encodeRunView, pickThresholds, toQueryString } from "@/lib/ui/url-state";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string; index: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, index } = await params;
  return { title: `Window #${index} · run #${id}` };
}

export default async function WindowPage({ params, searchParams }: Props) {
  const segments = await params;
  const runId = parseId(segments.id);
  const index = parseId(segments.index);
  const run = runId === null || index === null ? null : await getRun(runId);
  if (!run || index === null || run.status !== "succeeded") notFound();

  const overrides = pickThresholds(decodeRunView(await searchParams));
  const settings = { ...baseSettings(run), ...overrides };
  const context = await loadWindowContext(run, index, settings);
  if (!context) notFound();

  const keep = toQueryString(encodeRunView(overrides));
  const hrefOf = (i: number) => `/runs/${run.id}/windows/${i}${keep}`;
  const runHref = `/runs/${run.id}${toQueryString(encodeRunView({ ...overrides, window: index }))}`;
  const { row } = context;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex items-center gap-1.5 text-xs text-slate-500">
        <Link href="/" className="hover:text-slate-800">Runs</Link>
        <span aria-hidden="true">/</span>
        <Link href={runHref} className="hover:text-slate-800">
          Run #{run.id} · {run.logFile.originalName}
        </Link>
        <span aria-hidden="true">/</span>
        <span className="text-slate-700">Window #{index}</span>
      </nav>
      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            {formatUtc(row.start)} <span className="font-normal text-slate-400">–</span> {formatUtc(row.end).slice(11)} <span className="text-base font-normal text-slate-500">UTC</span>
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            Window #{index} of {formatCount(context.windowCount)} · {formatWindowLength(run.params.window)} · {formatCount(row.features[0] ?? 0)} records
            {Object.keys(overrides).length > 0 && " · labels under the thresholds of your link"}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {index > 0 && <ButtonLink href={hrefOf(index - 1)} size="sm" variant="ghost" aria-label="Previous window">‹ Window</ButtonLink>}
          {index < context.windowCount - 1 && <ButtonLink href={hrefOf(index + 1)} size="sm" variant="ghost" aria-label="Next window">Window ›</ButtonLink>}
          {context.previousAnomaly !== null ? (
            <ButtonLink href={hrefOf(context.previousAnomaly)} size="sm"><ChevronLeftIcon size={14} />Previous anomaly</ButtonLink>
          ) : (
            <span className="inline-flex h-8 items-center px-2 text-xs text-slate-400">No earlier anomaly</span>
          )}
          {context.nextAnomaly !== null ? (
            <ButtonLink href={hrefOf(context.nextAnomaly)} size="sm">Next anomaly<ChevronRightIcon size={14} /></ButtonLink>
          ) : (
            <span className="inline-flex h-8 items-center px-2 text-xs text-slate-400">No later anomaly</span>
          )}
        </div>
      </div>

      <div className="grid grid-cols-[340px_minmax(0,1fr)] items-start gap-5">
        <ModelVerdicts context={context} settings={settings} />
        <Card label="Features versus the run">
          <CardHeader title="Features vs the run's median" description="Robust z-score: distance from the run's median in scaled MADs; |z| ≥ 3.5 is unusual" />
          <div className="grid grid-cols-[minmax(0,1fr)_300px] gap-5 p-4">
            <FeatureZChart bars={context.features.map((f) => ({ label: FEATURE_LABELS[f.name as FeatureName], z: f.z, value: f.value, median: f.median }))} />
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
                {context.features.map((f) => (
                  <tr key={f.name}>
                    <th scope="row" className="py-1.5 text-left font-normal text-slate-600">{FEATURE_LABELS[f.name as FeatureName]}</th>
                    <td className="text-right font-medium text-slate-900">{formatNumber(f.value, 4)}</td>
                    <td className="text-right text-slate-500">{formatNumber(f.median, 4)}</td>
                    <td className={`text-right font-medium ${Math.abs(f.z) >= 3.5 ? "text-red-600" : Math.abs(f.z) >= 2 ? "text-amber-600" : "text-slate-500"}`}>
                      {formatNumber(f.z, 2)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
      <div className="mt-5">
        <RawLines runId={run.id} index={index} expected={row.features[0] ?? 0} />
      </div>
    </>
  );
}
