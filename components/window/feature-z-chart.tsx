"use client";

import type { Plugin } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { describeZBars } from "@/lib/ui/chart-descriptions";
import { formatNumber } from "@/lib/ui/format";
import { layoutZBars, Z_AXIS_LIMIT, type ZBar } from "@/lib/ui/z-bars";

export interface FeatureBar {
  label: string;
  z: number;
  value: number;
  median: number;
}

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

/**
 * A bar beyond the axis runs to its edge: two white slashes break it near the end (the length past
 * them is not to scale) and its true value is written inside, by the edge.
 */
const brokenBars = (layout: readonly ZBar[]): Plugin<"bar"> => ({
  id: "logscopeZBreak",
  afterDatasetsDraw(chart) {
    const meta = chart.getDatasetMeta(0);
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = "600 11px ui-sans-serif, system-ui, sans-serif";
    ctx.textBaseline = "middle";
    layout.forEach((bar, i) => {
      const element = meta.data[i] as unknown as { x: number; y: number; base: number; height: number } | undefined;
      if (!bar.clipped || !element) return;
      const dir = Math.sign(element.x - element.base) || 1;
      const half = element.height / 2;
      const cut = element.x - dir * 0.22 * Math.abs(element.x - element.base);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 2;
      for (const offset of [-3, 3]) {
        ctx.beginPath();
        ctx.moveTo(cut + offset - 3, element.y + half + 1);
        ctx.lineTo(cut + offset + 3, element.y - half - 1);
        ctx.stroke();
      }
      ctx.fillStyle = "#ffffff";
      ctx.textAlign = dir > 0 ? "right" : "left";
      ctx.fillText(bar.text, element.x - dir * 5, element.y);
    });
    ctx.restore();
  },
});

/**
 * Robust z-score per feature, horizontal bars on an axis of at most ±10 (lib/ui/z-bars.ts): a
 * larger z is drawn broken with its true value on it, in the tooltip and in the description.
 */
export function FeatureZChart({ bars }: { bars: FeatureBar[] }) {
  const { bars: layout, extent } = layoutZBars(bars.map((b) => b.z));
  return (
    <ChartCanvas<"bar">
      className="h-[260px]"
      label="Robust z-scores of the window's features"
      description={describeZBars(bars)}
      onChart={() => undefined}
      init={() => ({
        type: "bar",
        data: {
          labels: bars.map((b) => b.label),
          datasets: [{ data: layout.map((b) => b.shown), backgroundColor: bars.map((b) => colorOf(b.z)), borderRadius: 3, barPercentage: 0.7 }],
        },
        plugins: [bandPlugin, brokenBars(layout)],
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
                  const clipped = Math.abs(bar.z) > Z_AXIS_LIMIT ? ` (the bar is cut at ±${Z_AXIS_LIMIT})` : "";
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
