"use client";

import { useEffect, useRef } from "react";
import type { Chart as ChartInstance } from "chart.js";
import { Chart } from "@/components/charts/chart-setup";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { lowerBound } from "@/lib/ui/decimate-series";
import type { TimelineData } from "@/lib/ui/timeline-data";
import { MARKER_RADIUS, TIMELINE_DATASETS, timelineConfig, type TimelineDatasetKey, type TimelineOptionsState } from "./timeline-config";

export interface TimeRange {
  min: number;
  max: number;
}

interface TimelineChartProps {
  data: TimelineData;
  /** Visible range. */
  range: TimeRange;
  /** The whole run, the limit of zooming out and panning. */
  bounds: TimeRange;
  /** Smallest visible span (a few windows). */
  minSpan: number;
  featureLabel: string;
  hidden: ReadonlySet<TimelineDatasetKey>;
  starts: ArrayLike<number>;
  selected: number | null;
  onRangeChange: (range: TimeRange) => void;
  onSelect: (index: number) => void;
  label: string;
}

type ZoomPluginModule = typeof import("chartjs-plugin-zoom");
let zoomPlugin: Promise<ZoomPluginModule> | null = null;
// chartjs-plugin-zoom pulls in hammerjs, which touches `window` when imported: load it in the browser only.
const loadZoomPlugin = () => (zoomPlugin ??= import("chartjs-plugin-zoom"));

/**
 * The timeline canvas. Drag selects a range to zoom into, Ctrl + wheel zooms, Shift + drag pans;
 * after each gesture the parent re-aggregates the data for the new range (the chart only ever
 * holds about two points per pixel plus the anomalies). A click selects the nearest window.
 */
export function TimelineChart(props: TimelineChartProps) {
  const chartRef = useRef<ChartInstance<"line"> | null>(null);
  const latest = useRef(props);
  latest.current = props;

  const { data, range, featureLabel, hidden, selected, starts } = props;

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const sets = chart.data.datasets;
    const assign = (key: TimelineDatasetKey, points: unknown[]) => {
      const dataset = sets[TIMELINE_DATASETS.indexOf(key)];
      if (dataset) dataset.data = points as never[];
    };
    assign("line", data.line);
    assign("ensemble", data.ensemble);
    assign("isolationForest", data.lanes.isolationForest);
    assign("dbscan", data.lanes.dbscan);
    assign("autoencoder", data.lanes.autoencoder);
    TIMELINE_DATASETS.forEach((key, i) => chart.setDatasetVisibility(i, !hidden.has(key)));
    // Dense anomalies (thousands across the view) get smaller markers so the series stays readable.
    const perPixel = data.ensemble.length / 3 / Math.max(chart.chartArea?.width ?? 800, 1);
    const shrink = perPixel > 0.5 ? 0.55 : perPixel > 0.15 ? 0.75 : 1;
    TIMELINE_DATASETS.forEach((key, i) => {
      const dataset = sets[i] as { pointRadius?: number } | undefined;
      if (dataset && key !== "line") dataset.pointRadius = MARKER_RADIUS[key] * shrink;
    });
    const x = chart.options.scales?.x;
    if (x) {
      x.min = range.min;
      x.max = range.max;
    }
    const y = chart.options.scales?.y;
    if (y && "title" in y && y.title) y.title.text = featureLabel;
    const state = (chart.options.plugins as { logscope?: TimelineOptionsState }).logscope;
    if (state) {
      state.featureLabel = featureLabel;
      state.selectedX = selected === null ? null : ((starts[selected] as number | undefined) ?? null);
    }
    const first = sets[0];
    if (first) first.label = featureLabel;
    chart.update("none");
  }, [data, range, featureLabel, hidden, selected, starts]);

  const setup = (chart: ChartInstance<"line"> | null) => {
    chartRef.current = chart;
    if (!chart) return;
    void loadZoomPlugin().then((module) => {
      if (chartRef.current !== chart) return;
      const plugin = module.default;
      const { bounds, minSpan } = latest.current;
      const done = ({ chart: c }: { chart: ChartInstance }) => {
        const scale = c.scales.x;
        if (scale) latest.current.onRangeChange({ min: scale.min, max: scale.max });
      };
      const plugins = chart.options.plugins as Record<string, unknown>;
      plugins.zoom = {
        limits: { x: { min: bounds.min, max: bounds.max, minRange: minSpan } },
        pan: { enabled: true, mode: "x", modifierKey: "shift", onPanComplete: done },
        zoom: {
          mode: "x",
          drag: { enabled: true, threshold: 6, backgroundColor: "rgba(37, 99, 235, 0.10)", borderColor: "rgba(37, 99, 235, 0.6)", borderWidth: 1 },
          wheel: { enabled: true, modifierKey: "ctrl", speed: 0.15 },
          onZoomComplete: done,
        },
      };
      // Registering invalidates every chart's plugin list, so this chart starts the plugin on its next update.
      Chart.register(plugin);
      chart.update("none");
    });
    chart.options.onClick = (event) => {
      const scale = chart.scales.x;
      if (!scale || event.x === null || event.x === undefined) return;
      if (event.x < chart.chartArea.left || event.x > chart.chartArea.right) return;
      const value = scale.getValueForPixel(event.x);
      if (value === undefined) return;
      const xs = latest.current.starts;
      const at = lowerBound(xs, value);
      const before = Math.max(at - 1, 0);
      const after = Math.min(at, xs.length - 1);
      const nearest = Math.abs((xs[before] as number) - value) <= Math.abs((xs[after] as number) - value) ? before : after;
      latest.current.onSelect(nearest);
    };
  };

  return (
    <ChartCanvas<"line">
      className="h-[320px]"
      label={props.label}
      onChart={setup}
      init={() => timelineConfig(range, featureLabel)}
    />
  );
}
