"use client";

import { useEffect, useRef } from "react";
import type { Chart } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import type { LossPoint } from "@/lib/ui/loss-history";
import { describeLoss } from "@/lib/ui/chart-descriptions";
import { formatNumber } from "@/lib/ui/format";
import { SERIES_COLOR, SERIES_FILL } from "@/lib/ui/model-style";

/** Autoencoder training loss per epoch, growing as the job reports epochs. */
export function LossChart({ history, epochs }: { history: readonly LossPoint[]; epochs: number | null }) {
  const chartRef = useRef<Chart<"line"> | null>(null);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const dataset = chart.data.datasets[0];
    if (!dataset) return;
    dataset.data = history.map((p) => ({ x: p.epoch, y: p.loss }));
    const x = chart.options.scales?.x;
    if (x) x.max = epochs ?? history[history.length - 1]?.epoch ?? 1;
    // Losses often fall by orders of magnitude in the first epochs: a log axis keeps the tail visible.
    const losses = history.map((p) => p.loss).filter((v) => v > 0);
    const y = chart.options.scales?.y;
    if (y && losses.length > 1) y.type = Math.max(...losses) / Math.min(...losses) > 20 ? "logarithmic" : "linear";
    chart.update("none");
  }, [history, epochs]);

  return (
    <ChartCanvas<"line">
      className="h-36"
      label="Autoencoder loss per epoch"
      description={describeLoss(history, epochs)}
      onChart={(chart) => {
        chartRef.current = chart;
      }}
      init={() => ({
        type: "line",
        data: {
          datasets: [
            {
              data: history.map((p) => ({ x: p.epoch, y: p.loss })),
              borderColor: SERIES_COLOR,
              backgroundColor: SERIES_FILL,
              fill: "origin",
              borderWidth: 1.75,
              pointRadius: 2,
              pointBackgroundColor: SERIES_COLOR,
              tension: 0.25,
            },
          ],
        },
        options: {
          parsing: false,
          normalized: true,
          layout: { padding: { top: 6, right: 4 } },
          scales: {
            x: { type: "linear", min: 1, max: epochs ?? 20, title: { display: true, text: "epoch" }, ticks: { precision: 0, maxTicksLimit: 8 }, grid: { display: false } },
            y: { type: "linear", beginAtZero: false, title: { display: true, text: "MSE loss" }, ticks: { maxTicksLimit: 4, callback: (v) => formatNumber(Number(v), 2) } },
          },
          plugins: { tooltip: { callbacks: { title: (items) => `Epoch ${items[0]?.parsed.x ?? ""}`, label: (item) => `loss ${item.parsed.y?.toFixed(6)}` } } },
        },
      })}
    />
  );
}
