"use client";

import type { Chart, ChartConfiguration, Plugin, Scale } from "chart.js";
import { formatNumber, formatUtc } from "@/lib/ui/format";
import { AXIS_TEXT_COLOR, MODEL_STYLE, MODEL_KEYS, SERIES_COLOR, SERIES_FILL, type LabelKey } from "@/lib/ui/model-style";
import type { TimelinePoint } from "@/lib/ui/timeline-data";
import { formatTick, timeTicks } from "@/lib/ui/time-ticks";

/** Dataset order on the timeline chart; legend toggles address datasets by these keys. */
export const TIMELINE_DATASETS = ["line", "ensemble", ...MODEL_KEYS] as const;
export type TimelineDatasetKey = (typeof TIMELINE_DATASETS)[number];
export const MARKER_RADIUS: Record<Exclude<TimelineDatasetKey, "line">, number> = { ensemble: 5.5, isolationForest: 4.5, dbscan: 4.5, autoencoder: 4 };

export interface TimelineOptionsState {
  featureLabel: string;
  selectedX: number | null;
}

/** Draws the selected window as a vertical band across both plot areas. */
const selectionPlugin: Plugin<"line"> = {
  id: "logscopeSelection",
  afterDatasetsDraw(chart) {
    const state = (chart.options.plugins as { logscope?: TimelineOptionsState }).logscope;
    const x = state?.selectedX;
    const scale = chart.scales.x;
    if (x === null || x === undefined || !scale) return;
    const px = scale.getPixelForValue(x);
    if (px < chart.chartArea.left || px > chart.chartArea.right) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = "rgba(15, 23, 42, 0.55)";
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, chart.chartArea.top);
    ctx.lineTo(px, chart.chartArea.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

const LANE_NAMES: Record<number, string> = { 3: MODEL_STYLE.isolationForest.short, 2: MODEL_STYLE.dbscan.short, 1: MODEL_STYLE.autoencoder.short };

function markerDataset(key: LabelKey, yAxisID: string, radius: number) {
  const style = MODEL_STYLE[key];
  const hollow = key === "ensemble";
  return {
    type: "scatter" as const,
    label: style.name,
    data: [] as TimelinePoint[],
    yAxisID,
    pointStyle: style.shape,
    pointRadius: radius,
    pointHoverRadius: radius + 2,
    pointBackgroundColor: hollow ? "rgba(255,255,255,0.6)" : style.color,
    pointBorderColor: hollow ? style.color : "#ffffff",
    pointBorderWidth: hollow ? 2 : 0.75,
    showLine: false,
  };
}

export function timelineConfig(range: { min: number; max: number }, featureLabel: string): ChartConfiguration<"line"> {
  return {
    type: "line",
    data: {
      datasets: [
        {
          label: featureLabel,
          data: [] as TimelinePoint[],
          yAxisID: "y",
          borderColor: SERIES_COLOR,
          backgroundColor: SERIES_FILL,
          fill: "origin",
          borderWidth: 1.25,
          pointRadius: 0,
          pointHoverRadius: 3,
          tension: 0,
        },
        markerDataset("ensemble", "y", MARKER_RADIUS.ensemble),
        markerDataset("isolationForest", "lanes", MARKER_RADIUS.isolationForest),
        markerDataset("dbscan", "lanes", MARKER_RADIUS.dbscan),
        markerDataset("autoencoder", "lanes", MARKER_RADIUS.autoencoder),
      ] as ChartConfiguration<"line">["data"]["datasets"],
    },
    plugins: [selectionPlugin],
    options: {
      parsing: false,
      normalized: true,
      spanGaps: true,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      layout: { padding: { top: 4, right: 8 } },
      scales: {
        x: {
          type: "linear",
          min: range.min,
          max: range.max,
          grid: { color: "#f1f5f9" },
          afterBuildTicks: (scale: Scale) => {
            const maxTicks = Math.max(2, Math.floor(scale.width / 90));
            const { ticks, step } = timeTicks(scale.min, scale.max, maxTicks);
            (scale as Scale & { tickStep?: number }).tickStep = step;
            scale.ticks = ticks.map((value) => ({ value }));
          },
          ticks: {
            maxRotation: 0,
            autoSkip: false,
            callback(value) {
              const step = (this as unknown as { tickStep?: number }).tickStep ?? 3600;
              return formatTick(Number(value), step);
            },
          },
        },
        // Stacked axes are laid out bottom-up in definition order: lanes under the series.
        lanes: {
          type: "linear",
          stack: "timeline",
          stackWeight: 1.4,
          offset: true,
          min: 0.5,
          max: 3.5,
          grid: { display: false },
          border: { display: true, color: "#e2e8f0" },
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = [{ value: 1 }, { value: 2 }, { value: 3 }];
          },
          ticks: { autoSkip: false, font: { size: 10, weight: "bold" }, callback: (v) => LANE_NAMES[Number(v)] ?? "" },
        },
        y: {
          type: "linear",
          stack: "timeline",
          stackWeight: 5,
          beginAtZero: true,
          grace: "8%",
          title: { display: true, text: featureLabel, color: AXIS_TEXT_COLOR },
          ticks: { maxTicksLimit: 6, callback: (v) => formatNumber(Number(v), 3) },
        },
      },
      plugins: {
        // Read by selectionPlugin and the tooltip.
        ...({ logscope: { featureLabel, selectedX: null } satisfies TimelineOptionsState } as object),
        tooltip: {
          callbacks: {
            title: (items) => {
              const raw = items[0]?.raw as TimelinePoint | undefined;
              return raw ? `${formatUtc(raw.x)} UTC · window #${raw.i}` : "";
            },
            label: (item) => {
              const raw = item.raw as TimelinePoint;
              const chart = item.chart as Chart;
              const state = (chart.options.plugins as { logscope?: TimelineOptionsState }).logscope;
              if (item.datasetIndex === 0) return `${state?.featureLabel ?? "value"}: ${formatNumber(raw.y)}`;
              return `${item.dataset.label ?? ""}: anomalous`;
            },
          },
        },
      },
    },
  };
}
