"use client";

import Link from "next/link";
import { formatAgo, formatBytes, formatCount, formatNumber, formatParamsBrief, formatUtc } from "@/lib/ui/format";
import { MODEL_KEYS, MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";
import { PARAM_FIELDS } from "@/lib/ui/param-fields";
import { ModelMarker } from "@/components/ui/model-marker";
import { RunActions } from "./run-actions";
import { RunFormat } from "./run-format";
import type { RunRow } from "./run-row";
import { RunStatusCell } from "./run-status-cell";

const COUNT_KEYS: readonly LabelKey[] = [...MODEL_KEYS, "ensemble"];
// The feature sets as the New run form names and explains them (one wording for both pages).
const FEATURE_CHOICES = PARAM_FIELDS.find((f) => f.name === "features")?.options ?? [];

function FeatureSetCell({ features }: { features: RunRow["features"] }) {
  const choice = FEATURE_CHOICES.find((o) => o.value === features);
  return <span title={choice?.help}>{choice?.label ?? features}</span>;
}

/** The ensemble's F1 at the run's current labels, with precision and recall in the title; "—" without ground truth. */
function F1Cell({ score }: { score: RunRow["truthScore"] }) {
  if (!score) return <span title="No ground truth: attach labels to the run to score it">—</span>;
  const title = `Ensemble at the current thresholds: precision ${formatNumber(score.precision, 2)}, recall ${formatNumber(score.recall, 2)} (${formatCount(score.truePositives)} of ${formatCount(score.labelled)} labelled windows flagged)`;
  return <span title={title}>{score.f1.toFixed(2)}</span>;
}

/** The runs as GET /api/runs lists them, newest first. */
export function RunsTable({ runs, now }: { runs: RunRow[]; now: number }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[1200px] text-sm">
        <caption className="sr-only">Detection runs, newest first</caption>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50/80 text-left text-xs font-medium text-slate-500">
            <th scope="col" className="py-2.5 pl-4 pr-3 font-medium">Run</th>
            <th scope="col" className="px-3 font-medium">Format</th>
            <th scope="col" className="px-3 font-medium">Features</th>
            <th scope="col" className="px-3 font-medium">Created</th>
            <th scope="col" className="px-3 font-medium">Parameters</th>
            <th scope="col" className="px-3 text-right font-medium">Windows</th>
            {COUNT_KEYS.map((k) => (
              <th key={k} scope="col" className="w-[68px] px-2 text-right font-medium" title={`Anomalies flagged by ${MODEL_STYLE[k].name}`}>
                <span className="inline-flex items-center gap-1">
                  <ModelMarker model={k} size={9} />
                  {MODEL_STYLE[k].short}
                </span>
                <span className="sr-only"> anomalies</span>
              </th>
            ))}
            <th scope="col" className="w-[56px] px-2 text-right font-medium" title="The ensemble's F1 against the run's ground truth, at its current thresholds">
              F1<span className="sr-only"> of the ensemble against ground truth</span>
            </th>
            <th scope="col" className="w-[220px] px-3 font-medium">Status</th>
            <th scope="col" className="py-2.5 pl-3 pr-4 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} className="group hover:bg-slate-50/70">
              <td className="py-3 pl-4 pr-3 align-middle">
                <Link href={`/runs/${run.id}`} className="font-medium text-slate-900 hover:text-blue-700">
                  {run.logFile.name}
                </Link>
                <div className="tabular mt-0.5 whitespace-nowrap text-xs text-slate-500">
                  #{run.id} · {formatBytes(run.logFile.size)} · {formatCount(run.logFile.lines)} lines
                </div>
              </td>
              <td className="max-w-[160px] px-3 align-middle text-slate-700">
                <RunFormat format={run.format} />
              </td>
              <td className="whitespace-nowrap px-3 align-middle text-slate-700">
                <FeatureSetCell features={run.features} />
              </td>
              <td className="tabular whitespace-nowrap px-3 align-middle text-slate-600">
                <time dateTime={run.createdAt} title={`${formatUtc(Date.parse(run.createdAt) / 1000)} UTC`}>
                  {formatAgo(new Date(run.createdAt), new Date(now))}
                </time>
              </td>
              <td className="min-w-[230px] px-3 align-middle text-xs leading-relaxed text-slate-600">{formatParamsBrief(run.params, run.thresholds)}</td>
              <td className="tabular px-3 text-right align-middle text-slate-700">{formatCount(run.windowCount)}</td>
              {COUNT_KEYS.map((k) => (
                <td key={k} className={`tabular px-2 text-right align-middle ${k === "ensemble" ? "font-semibold text-red-600" : "text-slate-700"}`}>
                  {run.counts ? formatCount(run.counts[k]) : "—"}
                </td>
              ))}
              <td className="tabular px-2 text-right align-middle font-medium text-slate-800">
                <F1Cell score={run.truthScore} />
              </td>
              <td className="px-3 align-middle">
                <RunStatusCell run={run} />
              </td>
              <td className="py-3 pl-3 pr-4 text-right align-middle">
                <RunActions run={run} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
