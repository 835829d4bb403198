"use client";

import type { Plugin } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { formatNumber } from "@/lib/ui/format";

export interface FeatureBar {
  label: string;
  z: number;
  value: number;
  median: number;
}

const LIMIT = 10;
const colorOf = (z: number) => (Math.abs(z) >= 3.5 ? "#dc2626" : Math.abs(z) >= 2 ? "#f59e0b" : "#94a3b8");

/** Marks the |z| = 3.5 band, the usual cut-off for a robust outlier (Iglewicz & Hoaglin). */
const bandPlugin: Plugin<"bar"> = {
  id: "logscopeZBand",
  beforeDatasetsDraw(chart) {
    const x = chart.scales.x;
    if (!x) return;
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = "rgba(148, 163, 184, 0.10)";
    const left = x.getPixelForValue(-3.5);
    const right = x.getPixelForValue(3.5);
    ctx.fillRect(left, top, right - left, bottom - top);
    ctx.strokeStyle = "#475569";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x.getPixelForValue(0), top);
    ctx.lineTo(x.getPixelForValue(0), bottom);
    ctx.stroke();
    ctx.restore();
  },
};

/** Robust z-score per feature, horizontal bars; beyond ±10 is clipped and says so in the tooltip. */
export function FeatureZChart({ bars }: { bars: FeatureBar[] }) {
  const shown = bars.map((b) => (Number.isFinite(b.z) ? Math.max(Math.min(b.z, LIMIT), -LIMIT) : b.z > 0 ? LIMIT : -LIMIT));
  const widest = Math.max(...shown.map(Math.abs));
  const extent = [4, 6, 8, 10].find((e) => e >= widest + 0.25) ?? LIMIT;
  return (
    <ChartCanvas<"bar">
      className="h-[260px]"
      label={`Robust z-scores of the window's features: ${bars.map((b) => `${b.label} ${formatNumber(b.z, 2)}`).join(", ")}`}
      onChart={() => undefined}
      init={() => ({
        type: "bar",
        data: {
          labels: bars.map((b) => b.label),
          datasets: [{ data: shown, backgroundColor: bars.map((b) => colorOf(b.z)), borderRadius: 3, barPercentage: 0.7 }],
        },
        plugins: [bandPlugin],
        options: {
          indexAxis: "y",
          scales: {
            x: { min: -extent, max: extent, title: { display: true, text: "robust z-score (vs run median; shaded: |z| < 3.5)" }, ticks: { stepSize: extent > 6 ? 2 : 1 } },
            y: { grid: { display: false }, ticks: { font: { size: 11.5 }, color: "#334155" } },
          },
          plugins: {
            tooltip: {
              callbacks: {
                label: (item) => {
                  const bar = bars[item.dataIndex];
                  if (!bar) return "";
                  const clipped = Math.abs(bar.z) > LIMIT ? " (clipped)" : "";
                  return `z ${formatNumber(bar.z, 3)}${clipped} · value ${formatNumber(bar.value)} · median ${formatNumber(bar.median)}`;
                },
              },
            },
          },
        },
      })}
    />
  );
}
