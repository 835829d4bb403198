"use client";

import type { Chart, ChartConfiguration, Scale } from "chart.js";
import type { MarkerStyle } from "@/components/charts/marker-overlay";
import { formatNumber, formatUtc } from "@/lib/ui/format";
import { AXIS_TEXT_COLOR, MODEL_STYLE, MODEL_KEYS, SERIES_COLOR, SERIES_FILL, type LabelKey } from "@/lib/ui/model-style";
import type { TimelinePoint } from "@/lib/ui/timeline-data";
import { formatTick, timeTicks } from "@/lib/ui/time-ticks";

/** What the legend toggles: the ensemble markers on the line and each model's lane. */
export const TIMELINE_DATASETS = ["line", "ensemble", ...MODEL_KEYS] as const;
export type TimelineDatasetKey = (typeof TIMELINE_DATASETS)[number];
export const MARKER_RADIUS: Record<Exclude<TimelineDatasetKey, "line">, number> = { ensemble: 5.5, isolationForest: 4.5, dbscan: 4.5, autoencoder: 4 };

export interface TimelineOptionsState {
  featureLabel: string;
  /** The models' verdicts on a window, for the tooltip. */
  describe: (index: number) => string[];
}

const LANE_NAMES: Record<number, string> = { 3: MODEL_STYLE.isolationForest.short, 2: MODEL_STYLE.dbscan.short, 1: MODEL_STYLE.autoencoder.short };

/** A marker's look on the overlay (marker-overlay.ts), the same shapes and colours as the legend. */
export function markerStyle(key: LabelKey, scale = 1): MarkerStyle {
  const style = MODEL_STYLE[key];
  const hollow = key === "ensemble";
  return {
    shape: style.shape,
    radius: MARKER_RADIUS[key] * scale,
    fill: hollow ? "rgba(255,255,255,0.6)" : style.color,
    stroke: hollow ? style.color : "#ffffff",
    strokeWidth: hollow ? 2 : 0.75,
  };
}

// Beside the chart, not in its options: Chart.js calls any function it finds in options ("scriptable" options).
const states = new WeakMap<Chart, TimelineOptionsState>();
export const stateOf = (chart: Chart): TimelineOptionsState | undefined => states.get(chart);
export const setStateOf = (chart: Chart, state: TimelineOptionsState) => states.set(chart, state);

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
      ] as ChartConfiguration<"line">["data"]["datasets"],
    },
    options: {
      parsing: false,
      normalized: true,
      // Silent periods are NaN points (timeline-markers.ts): a break in the line, never a bridge.
      spanGaps: false,
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
        // No dataset uses the lanes axis (markers are on the overlay), so it needs its direction spelled out.
        lanes: {
          type: "linear",
          axis: "y",
          position: "left",
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
          position: "left",
          stack: "timeline",
          stackWeight: 5,
          beginAtZero: true,
          grace: "8%",
          title: { display: true, text: featureLabel, color: AXIS_TEXT_COLOR },
          ticks: { maxTicksLimit: 6, callback: (v) => formatNumber(Number(v), 3) },
        },
      },
      plugins: {
        tooltip: {
          // The points that draw a silence stand for no window.
          filter: (item) => !(item.raw as TimelinePoint).silent,
          callbacks: {
            title: (items) => {
              const raw = items[0]?.raw as TimelinePoint | undefined;
              return raw ? `${formatUtc(raw.x)} UTC · window #${raw.i}` : "";
            },
            label: (item) => {
              const raw = item.raw as TimelinePoint;
              const state = stateOf(item.chart);
              return `${state?.featureLabel ?? "value"}: ${formatNumber(raw.y)}`;
            },
            afterBody: (items) => {
              const raw = items[0]?.raw as TimelinePoint | undefined;
              const state = items[0] ? stateOf(items[0].chart) : undefined;
              return raw && state ? state.describe(raw.i) : [];
            },
          },
        },
      },
    },
  };
}
