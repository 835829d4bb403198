"use client";

import { memo, useEffect, useMemo, useRef } from "react";
import type { Chart } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { queueFrameJob } from "@/components/charts/frame-queue";
import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { COMBINATIONS, computeAgreement } from "@/lib/ui/agreement";
import { formatCount, formatPercent } from "@/lib/ui/format";
import { MODEL_KEYS, MODEL_STYLE } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";

const BAR_COLORS: Record<number, string> = {
  1: MODEL_STYLE.isolationForest.color,
  2: MODEL_STYLE.dbscan.color,
  4: MODEL_STYLE.autoencoder.color,
  3: "#94a3b8",
  5: "#94a3b8",
  6: "#94a3b8",
  7: MODEL_STYLE.ensemble.color,
};

const NO_FLAGS = { isolationForest: new Uint8Array(0), dbscan: new Uint8Array(0), autoencoder: new Uint8Array(0) };

/** Windows per exact combination of models, and how much each pair's flagged sets overlap; empty while the labels load. */
export const AgreementPanel = memo(function AgreementPanel({ labels }: { labels: ClientLabels | null }) {
  const agreement = useMemo(() => computeAgreement(labels ?? NO_FLAGS), [labels]);
  const chartRef = useRef<Chart<"bar"> | null>(null);
  const counts = COMBINATIONS.map((c) => agreement.byMask[c.mask] ?? 0);
  const countsKey = counts.join(",");

  useEffect(() => {
    const chart = chartRef.current;
    const dataset = chart?.data.datasets[0];
    if (!chart || !dataset) return;
    dataset.data = countsKey.split(",").map(Number);
    queueFrameJob(chart, () => chart.update("none"), 4);
  }, [countsKey]);

  return (
    <Card label="Model agreement">
      <CardHeader
        title="Model agreement"
        description={
          labels
            ? `${formatCount(agreement.anyModel)} of ${formatCount(agreement.total)} windows flagged by at least one model; ${formatCount(agreement.byMask[7] ?? 0)} by all three`
            : "Loading the windows…"
        }
      />
      <div className="grid grid-cols-1 gap-5 p-4 sm:grid-cols-[minmax(0,1fr)_220px]">
        <ChartCanvas<"bar">
          className="h-[210px]"
          lazy
          label={`Windows per combination of models: ${COMBINATIONS.map((c, i) => `${c.label} ${counts[i]}`).join(", ")}`}
          onChart={(chart) => {
            chartRef.current = chart;
          }}
          init={() => ({
            type: "bar",
            data: {
              labels: COMBINATIONS.map((c) => c.label),
              datasets: [{ data: counts, backgroundColor: COMBINATIONS.map((c) => BAR_COLORS[c.mask] ?? "#94a3b8"), borderRadius: 3, maxBarThickness: 44 }],
            },
            options: {
              scales: {
                x: { grid: { display: false }, ticks: { font: { size: 10.5 } } },
                y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 5 }, title: { display: true, text: "windows" } },
              },
              plugins: { tooltip: { callbacks: { label: (item) => `${formatCount(Number(item.raw))} windows` } } },
            },
          })}
        />
        <div>
          <div className="mb-2 text-xs font-medium text-slate-700">Jaccard index (|A∩B| / |A∪B|)</div>
          <table className="tabular w-full border-separate border-spacing-1 text-center text-xs">
            <thead>
              <tr>
                <th scope="col" className="sr-only">Model</th>
                {MODEL_KEYS.map((k) => (
                  <th key={k} scope="col" className="pb-1 font-medium text-slate-500">
                    <span className="inline-flex items-center gap-1"><ModelMarker model={k} size={8} />{MODEL_STYLE[k].short}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {MODEL_KEYS.map((row, r) => (
                <tr key={row}>
                  <th scope="row" className="pr-1 text-left font-medium text-slate-500">
                    <span className="inline-flex items-center gap-1"><ModelMarker model={row} size={8} />{MODEL_STYLE[row].short}</span>
                  </th>
                  {MODEL_KEYS.map((col, c) => {
                    const value = agreement.jaccard[r]?.[c] ?? null;
                    const strength = value === null ? 0 : value;
                    return (
                      <td
                        key={col}
                        className="h-11 rounded font-medium"
                        style={{ backgroundColor: `rgba(37, 99, 235, ${0.06 + strength * 0.6})`, color: "#1e293b" }}
                        title={value === null ? "neither model flags a window" : `${MODEL_STYLE[row].name} vs ${MODEL_STYLE[col].name}`}
                      >
                        {value === null ? "—" : r === c ? "1" : value.toFixed(2)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="mt-3 space-y-1 text-xs">
            {MODEL_KEYS.map((k) => (
              <div key={k} className="flex justify-between text-slate-600">
                <dt>{MODEL_STYLE[k].name}</dt>
                <dd className="tabular">
                  {labels ? `${formatCount(agreement.perModel[k])} · ${formatPercent(agreement.perModel[k] / Math.max(agreement.total, 1))}` : "—"}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    </Card>
  );
});
