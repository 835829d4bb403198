import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { storedSettings } from "@/lib/server/runs/relabel-run";
import { loadCompare } from "@/lib/server/runs/load-compare";
import { loadRunSeries } from "@/lib/server/runs/load-run-series";
import { CompareEvaluation } from "@/components/compare/compare-evaluation";
import { FlagList } from "@/components/compare/flag-list";
import { FlagStrip } from "@/components/compare/flag-strip";
import { RunPicker } from "@/components/compare/run-picker";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { ModelMarker } from "@/components/ui/model-marker";
import { PageHeader } from "@/components/ui/page-header";
import { getRun } from "@/lib/db/get-run";
import { hasResults } from "@/lib/domain/types";
import { listRuns } from "@/lib/db/list-runs";
import type { RunWithLogFile } from "@/lib/db/types";
import { compareParams } from "@/lib/ui/compare-runs";
import { evaluateRunLabels, type RunLabelEvaluation } from "@/lib/ui/evaluate-run-labels";
import { computeClientLabels } from "@/lib/ui/relabel-client";
import { formatCount, formatNumber, formatParamsBrief, formatUtc } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE } from "@/lib/ui/model-style";
import { decodeCompare } from "@/lib/ui/url-state";
import { requirePageAccess } from "@/lib/server/auth/require-page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare runs" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const show = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "boolean" ? (v ? "yes" : "no") : typeof v === "number" && !Number.isInteger(v) ? formatNumber(v, 4) : typeof v === "string" ? v : JSON.stringify(v);

/** The run's labels judged by its own thresholds (as its Run page opens), or null without labels. */
async function evaluationOf(run: RunWithLogFile): Promise<RunLabelEvaluation | null> {
  if (!run.truth) return null;
  const series = await loadRunSeries(run);
  return evaluateRunLabels(run.truth.windows, series.count, computeClientLabels(series, series.dbscan, storedSettings(run)));
}

export default async function ComparePage({ searchParams }: Props) {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  await requirePageAccess("/compare");
  const { a, b } = decodeCompare(await searchParams);
  // Runs with results: trained ones and live ones (a live run compares on its windows so far).
  const [trained, live] = await Promise.all([listRuns({ status: "succeeded", pageSize: 500 }), listRuns({ status: "live", pageSize: 500 })]);
  const succeeded = [...live.runs, ...trained.runs].sort((x, y) => y.id - x.id);
  const [runA, runB] = await Promise.all([a ? getRun(a) : null, b ? getRun(b) : null]);
  if ((a && !runA) || (b && !runB)) notFound();

  const picker = (
    <Card className="mb-5" label="Choose runs">
      <RunPicker runs={succeeded.map((r) => ({ id: r.id, logFileId: r.logFileId, fileName: r.logFile.originalName, brief: formatParamsBrief(r.params) }))} a={a} b={b} />
    </Card>
  );
  if (!runA || !runB || !hasResults(runA.status) || !hasResults(runB.status)) {
    return (
      <>
        <PageHeader title="Compare runs" description="Two runs of the same log side by side: what their parameters change, and which windows only one of them flags." />
        {picker}
        {(runA || runB) && <p className="text-sm text-slate-500">Both runs must have finished successfully (or be live) to be compared.</p>}
        {succeeded.length < 2 && (
          <Card>
            <EmptyState title="Not enough runs to compare" action={<ButtonLink href="/runs/new" variant="primary">New run</ButtonLink>}>
              Compare needs two finished runs, ideally of the same log with different parameters — use Re-run on the Runs page.
            </EmptyState>
          </Card>
        )}
      </>
    );
  }

  const [data, evalA, evalB] = await Promise.all([loadCompare(runA, runB), evaluationOf(runA), evaluationOf(runB)]);
  const sameFile = runA.logFileId === runB.logFileId;
  const rows = compareParams(runA.params, runB.params);
  const differing = rows.filter((r) => r.differs).length;
  const [sa, sb] = [storedSettings(runA), storedSettings(runB)];
  const starts = [data.flags.bothA, data.flags.onlyA, data.flags.bothB, data.flags.onlyB].flat();
  const min = Math.min(...starts.map((w) => w.start), Infinity);
  const max = Math.max(...starts.map((w) => w.end), -Infinity);
  const head = (run: RunWithLogFile, label: string) => (
    <Link href={`/runs/${run.id}`} className="hover:text-blue-700">
      <span className="mr-1.5 rounded bg-slate-900 px-1.5 py-0.5 text-[11px] font-semibold text-white">{label}</span>
      Run #{run.id}
    </Link>
  );

  return (
    <>
      <PageHeader
        title={sameFile ? `Compare runs of ${runA.logFile.originalName}` : "Compare runs"}
        description={`${differing} parameter${differing === 1 ? " differs" : "s differ"} · anomalies are each run's ensemble under its own thresholds, matched by time overlap`}
      />
      {picker}
      {!sameFile && (
        <p role="alert" className="mb-5 rounded-md border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-800">
          These runs are on different log files ({runA.logFile.originalName} and {runB.logFile.originalName}); windows are matched by time only.
        </p>
      )}
      <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Card label="Parameters">
          <CardHeader title="Parameters" description="Differences highlighted" />
          <table className="tabular w-full text-[13px]">
            <thead>
              <tr className="border-b border-slate-200 text-xs text-slate-500">
                <th scope="col" className="py-2 pl-4 text-left font-medium">Parameter</th>
                <th scope="col" className="px-3 text-right font-medium">{head(runA, "A")}</th>
                <th scope="col" className="pr-4 text-right font-medium">{head(runB, "B")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr><th scope="row" className="py-1.5 pl-4 text-left font-normal text-slate-600">Created</th><td className="px-3 text-right text-xs text-slate-600">{formatUtc(runA.createdAt.getTime() / 1000).slice(0, 16)}</td><td className="pr-4 text-right text-xs text-slate-600">{formatUtc(runB.createdAt.getTime() / 1000).slice(0, 16)}</td></tr>
              {rows.map((r) => (
                <tr key={r.key} className={r.differs ? "bg-amber-50/70" : ""}>
                  <th scope="row" className={`py-1.5 pl-4 text-left font-normal ${r.differs ? "font-medium text-slate-900" : "text-slate-600"}`}>{r.label}</th>
                  <td className={`px-3 text-right ${r.differs ? "font-semibold text-slate-900" : "text-slate-600"}`}>{show(r.a)}</td>
                  <td className={`pr-4 text-right ${r.differs ? "font-semibold text-slate-900" : "text-slate-600"}`}>{show(r.b)}</td>
                </tr>
              ))}
              {(sa.eps !== runA.params.eps || sb.eps !== runB.params.eps) && (
                <tr><th scope="row" className="py-1.5 pl-4 text-left font-normal text-slate-600">Relabelled eps</th><td className="px-3 text-right">{sa.eps}</td><td className="pr-4 text-right">{sb.eps}</td></tr>
              )}
            </tbody>
          </table>
        </Card>
        <div className="space-y-5">
          <Card label="Counts">
            <CardHeader title="Anomalies" description={`${formatCount(data.a.windows)} vs ${formatCount(data.b.windows)} windows`} />
            <table className="tabular w-full text-[13px]">
              <thead>
                <tr className="border-b border-slate-200 text-xs text-slate-500">
                  <th scope="col" className="py-2 pl-4 text-left font-medium">Model</th>
                  <th scope="col" className="px-3 text-right font-medium">A</th>
                  <th scope="col" className="px-3 text-right font-medium">B</th>
                  <th scope="col" className="pr-4 text-right font-medium">B − A</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {LABEL_KEYS.map((k) => {
                  const delta = data.b.counts[k] - data.a.counts[k];
                  return (
                    <tr key={k} className={k === "ensemble" ? "font-semibold" : ""}>
                      <th scope="row" className="py-1.5 pl-4 text-left font-normal text-slate-700">
                        <span className="inline-flex items-center gap-1.5"><ModelMarker model={k} size={9} />{MODEL_STYLE[k].name}</span>
                      </th>
                      <td className="px-3 text-right">{formatCount(data.a.counts[k])}</td>
                      <td className="px-3 text-right">{formatCount(data.b.counts[k])}</td>
                      {/* More or fewer anomalies is neither good nor bad by itself: the sign says which way, not a colour. */}
                      <td className={`pr-4 text-right ${delta === 0 ? "text-slate-500" : "text-slate-900"}`}>{delta > 0 ? `+${formatCount(delta)}` : delta < 0 ? `−${formatCount(-delta)}` : "0"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
          <CompareEvaluation a={evalA} b={evalB} />
          <Card label="Flagged windows">
            <CardHeader
              title="Ensemble anomalies by time"
              description={`${formatCount(data.flags.onlyA.length)} only in A · ${formatCount(data.flags.onlyB.length)} only in B · ${formatCount(data.flags.bothA.length)} of A's also in B`}
            />
            <div className="space-y-4 p-4">
              {Number.isFinite(min) && Number.isFinite(max) && <FlagStrip flags={data.flags} min={min} max={max} />}
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <FlagList title="Flagged by A, not by B" runId={runA.id} windows={data.flags.onlyA} />
                <FlagList title="Flagged by B, not by A" runId={runB.id} windows={data.flags.onlyB} />
              </div>
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
