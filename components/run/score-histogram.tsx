"use client";

import { useEffect, useMemo, useRef } from "react";
import type { Chart, Plugin } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { queueFrameJob } from "@/components/charts/frame-queue";
import { countAbove, describeScores, scoreRange } from "@/lib/ui/chart-descriptions";
import { formatNumber } from "@/lib/ui/format";
import { computeHistogram, type Histogram } from "@/lib/ui/histogram";
import { MODEL_STYLE, type ModelKey } from "@/lib/ui/model-style";

interface ScoreHistogramProps {
  values: ArrayLike<number>;
  threshold: number;
  model: ModelKey;
  log?: boolean;
  xLabel: string;
  label: string;
}

interface ThresholdMark {
  /** Position in category units (bin b is centred on b). */
  position: number;
  text: string;
  color: string;
}

/** A dashed vertical line at the threshold with its value. */
export const thresholdLinePlugin: Plugin<"bar"> = {
  id: "logscopeThreshold",
  afterDatasetsDraw(chart) {
    const mark = (chart.options.plugins as { threshold?: ThresholdMark }).threshold;
    const x = chart.scales.x;
    if (!mark || !x || !Number.isFinite(mark.position)) return;
    const px = x.getPixelForValue(mark.position);
    const { top, bottom, left, right } = chart.chartArea;
    if (px < left - 1 || px > right + 1) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = mark.color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = "600 10.5px ui-sans-serif, system-ui, sans-serif";
    const width = ctx.measureText(mark.text).width + 8;
    const boxX = px + width + 4 > right ? px - width - 4 : px + 4;
    ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
    ctx.fillRect(boxX, top + 2, width, 16);
    ctx.fillStyle = mark.color;
    ctx.fillText(mark.text, boxX + 4, top + 13.5);
    ctx.restore();
  },
};

function binPosition(h: Histogram, value: number, log: boolean): number {
  const bins = h.counts.length;
  const t = (v: number) => (log ? Math.log10(v) : v);
  const a = t(h.edges[0] as number);
  const b = t(h.edges[bins] as number);
  if (!(b > a) || (log && !(value > 0))) return NaN;
  return ((t(value) - a) / (b - a)) * bins - 0.5;
}

/** Distribution of one detector's scores with its current threshold; bins beyond it are coloured. */
export function ScoreHistogram({ values, threshold, model, log = false, xLabel, label }: ScoreHistogramProps) {
  const histogram = useMemo(() => computeHistogram(values, { bins: 36, log }), [values, log]);
  const range = useMemo(() => scoreRange(values), [values]);
  // One pass per threshold change (about 50 µs for 50k windows), not per render.
  const above = useMemo(() => countAbove(values, threshold), [values, threshold]);
  const description = describeScores(`${MODEL_STYLE[model].name} ${model === "autoencoder" ? "reconstruction errors" : "scores"}`, range, threshold, above);
  const chartRef = useRef<Chart<"bar"> | null>(null);
  // The tooltip reads the bins of the moment, not those of when the chart was built.
  const histRef = useRef(histogram);
  histRef.current = histogram;
  const style = MODEL_STYLE[model];

  const colors = (h: Histogram, t: number) =>
    Array.from(h.counts, (_, b) => ((h.edges[b + 1] as number) <= t ? "#cbd5e1" : (h.edges[b] as number) >= t ? style.color : style.tint.replace("0.14", "0.6")));

  const binLabels = (h: Histogram) =>
    Array.from(h.counts, (_, b) => {
      const lo = h.edges[b] as number;
      const hi = h.edges[b + 1] as number;
      return log ? formatNumber(Math.sqrt(lo * hi), 2) : formatNumber((lo + hi) / 2, 3);
    });

  // Applied when the data (it arrives after the first render) or the threshold change, and when the
  // (lazily built) chart appears.
  const apply = (chart: Chart<"bar">) => {
    const dataset = chart.data.datasets[0];
    if (!dataset) return;
    chart.data.labels = binLabels(histogram);
    dataset.data = Array.from(histogram.counts);
    dataset.backgroundColor = colors(histogram, threshold);
    (chart.options.plugins as { threshold?: ThresholdMark }).threshold = {
      position: binPosition(histogram, threshold, log),
      text: `threshold ${formatNumber(threshold, 3)}`,
      color: style.color,
    };
    queueFrameJob(chart, () => chart.update("none"), 3);
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    if (chartRef.current) applyRef.current(chartRef.current);
  }, [histogram, threshold]);

  return (
    <ChartCanvas<"bar">
      className="h-[170px]"
      lazy
      label={label}
      description={description}
      onChart={(chart) => {
        chartRef.current = chart;
        if (chart) applyRef.current(chart);
      }}
      init={() => ({
        type: "bar",
        data: {
          labels: binLabels(histogram),
          datasets: [{ data: Array.from(histogram.counts), backgroundColor: colors(histogram, threshold), barPercentage: 1, categoryPercentage: 0.92 }],
        },
        plugins: [thresholdLinePlugin],
        options: {
          layout: { padding: { top: 4, right: 4 } },
          scales: {
            x: { grid: { display: false }, title: { display: true, text: xLabel }, ticks: { maxTicksLimit: 6, maxRotation: 0 } },
            y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 4 }, title: { display: true, text: "windows" } },
          },
          plugins: {
            tooltip: {
              callbacks: {
                title: (items) => {
                  const b = items[0]?.dataIndex ?? 0;
                  const edges = histRef.current.edges;
                  return `${formatNumber(edges[b], 4)} – ${formatNumber(edges[b + 1], 4)}`;
                },
                label: (item) => `${item.raw as number} windows`,
              },
            },
          },
        },
      })}
    />
  );
}
