import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { storedSettings } from "@/lib/server/runs/relabel-run";
import { loadWindowContext } from "@/lib/server/runs/load-window-context";
import { parseId } from "@/lib/domain/parse-id";
import { Suspense } from "react";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { ChevronLeftIcon, ChevronRightIcon, DownloadIcon } from "@/components/ui/icons";
import { ModelVerdicts } from "@/components/window/model-verdicts";
import { WindowFeedback } from "@/components/window/window-feedback";
import { WindowTruthLine, WindowTruthProvider } from "@/components/window/window-truth";
import { RawLines } from "@/components/window/raw-lines";
import {
  EvidenceSkeleton,
  FeatureEvidenceFallback,
  FeatureEvidenceSlot,
  TemplateEvidenceSlot,
  WhySummarySlot,
} from "@/components/window/why-this-window";
import { getRun } from "@/lib/db/get-run";
import { hasResults } from "@/lib/domain/types";
import { formatCount, formatUtc, formatWindowLength } from "@/lib/ui/format";
import { decodeRunView, encodeRunView, pickThresholds, toQueryString } from "@/lib/ui/url-state";
import { loadExplanation } from "./load-explanation";
import { requirePageAccess } from "@/lib/server/auth/require-page-access";

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
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  await requirePageAccess(`/runs/${(await params).id}/windows/${(await params).index}`);
  const segments = await params;
  const runId = parseId(segments.id);
  const index = parseId(segments.index, "window");
  const run = runId === null || index === null ? null : await getRun(runId);
  if (!run || index === null || !hasResults(run.status)) notFound();

  // The run page's whole view came along in the link (table filter, sort, page, search, range,
  // thresholds): window links and the breadcrumb keep it, so the way back lands where the analyst was.
  const view = decodeRunView(await searchParams);
  const overrides = pickThresholds(view);
  const settings = { ...storedSettings(run), ...overrides };
  // Started before the page's own data and not awaited: the evidence streams in below the verdicts and chart.
  const explanation = loadExplanation(run.id, index, overrides);
  const context = await loadWindowContext(run, index, settings);
  if (!context) notFound();

  const keep = toQueryString(encodeRunView({ ...view, window: undefined }));
  const hrefOf = (i: number) => `/runs/${run.id}/windows/${i}${keep}`;
  const runHref = `/runs/${run.id}${toQueryString(encodeRunView({ ...view, window: index }))}`;
  const { row } = context;
  const explanationHref = `/api/runs/${run.id}/windows/${index}/explanation${toQueryString(encodeRunView(overrides))}`;

  // The ground truth's parts (the title's badge, the mark buttons) share the latest mark's answer.
  return (
    <WindowTruthProvider truth={run.truth}>
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
            {formatUtc(row.start)} <span className="font-normal text-slate-500">–</span> {formatUtc(row.end).slice(11)} <span className="text-base font-normal text-slate-500">UTC</span>
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            Window #{index} of {formatCount(context.windowCount)} · {formatWindowLength(run.params.window)} · {formatCount(row.features[0] ?? 0)} records
            {Object.keys(overrides).length > 0 && " · labels under the thresholds of your link"}
          </p>
          {/* Ground truth under the thresholds shown: hit, false alarm or missed (none for a true negative). */}
          <WindowTruthLine index={index} flagged={context.labels.ensemble} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {index > 0 && <ButtonLink href={hrefOf(index - 1)} size="sm" variant="ghost" aria-label="Previous window">‹ Window</ButtonLink>}
          {index < context.windowCount - 1 && <ButtonLink href={hrefOf(index + 1)} size="sm" variant="ghost" aria-label="Next window">Window ›</ButtonLink>}
          {context.previousAnomaly !== null ? (
            <ButtonLink href={hrefOf(context.previousAnomaly)} size="sm"><ChevronLeftIcon size={14} />Previous anomaly</ButtonLink>
          ) : (
            <span className="inline-flex h-8 items-center px-2 text-xs text-slate-500">No earlier anomaly</span>
          )}
          {context.nextAnomaly !== null ? (
            <ButtonLink href={hrefOf(context.nextAnomaly)} size="sm">Next anomaly<ChevronRightIcon size={14} /></ButtonLink>
          ) : (
            <span className="inline-flex h-8 items-center px-2 text-xs text-slate-500">No later anomaly</span>
          )}
        </div>
      </div>

      <WindowFeedback runId={run.id} index={index} className="mb-5" />
      <section aria-labelledby="why-this-window" className="space-y-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="why-this-window" className="text-base font-semibold tracking-tight text-slate-900">Why this window</h2>
            <p className="mt-0.5 text-xs text-slate-500">
              Each model&apos;s evidence, judged {Object.keys(overrides).length > 0 ? "by the thresholds of your link" : "by the run's thresholds"}: features against the run, DBSCAN&apos;s distance to eps, unusual log templates.
            </p>
          </div>
          <a href={explanationHref} download={`run-${run.id}-window-${index}-explanation.json`} className={buttonClass("secondary", "sm")}>
            <DownloadIcon size={14} />
            Download JSON
          </a>
        </div>
        <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[340px_minmax(0,1fr)]">
          <ModelVerdicts context={context} settings={settings} />
          <Suspense fallback={<EvidenceSkeleton label="Why this window: summary" className="h-72" />}>
            <WhySummarySlot result={explanation} />
          </Suspense>
        </div>
        <Suspense fallback={<FeatureEvidenceFallback features={context.features} />}>
          <FeatureEvidenceSlot result={explanation} fallback={context.features} />
        </Suspense>
        <Suspense fallback={<EvidenceSkeleton label="Unusual templates" className="h-32" />}>
          <TemplateEvidenceSlot result={explanation} extended={run.params.features === "extended"} rerunHref={`/runs/new?from=${run.id}`} />
        </Suspense>
      </section>
      <div className="mt-5">
        <RawLines runId={run.id} index={index} expected={row.features[0] ?? 0} />
      </div>
    </WindowTruthProvider>
  );
}
