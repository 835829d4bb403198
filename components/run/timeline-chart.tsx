"use client";

import { useEffect, useRef, type KeyboardEvent } from "react";
import type { Chart as ChartInstance, Plugin } from "chart.js";
import { Chart } from "@/components/charts/chart-setup";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { cancelFrameJob, queueFrameJob } from "@/components/charts/frame-queue";
import { cancelTooltipDraw, drawMarkerOverlay, type OverlayState } from "@/components/charts/marker-overlay";
import { lowerBound } from "@/lib/ui/decimate-series";
import type { TimelinePoint } from "@/lib/ui/timeline-data";
import type { TimeRange } from "@/lib/ui/timeline-keys";
import { setStateOf, stateOf, timelineConfig } from "./timeline-config";

export type { TimeRange };

interface TimelineChartProps {
  /** The feature line, decimated for the range. */
  line: TimelinePoint[];
  /** Markers and the selection, drawn on the overlay. */
  overlay: OverlayState;
  /** Visible range. */
  range: TimeRange;
  /** The whole run, the limit of zooming out and panning. */
  bounds: TimeRange;
  /** Smallest visible span (a few windows). */
  minSpan: number;
  featureLabel: string;
  starts: ArrayLike<number>;
  /** Tooltip lines for a window: the models' verdicts. */
  describe: (index: number) => string[];
  onRangeChange: (range: TimeRange) => void;
  onSelect: (index: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Accessible name and the id of the element describing the keys. */
  label: string;
  describedBy: string;
  /** Shown over the chart while the run's data loads. */
  placeholder?: string | null;
}

type ZoomPluginModule = typeof import("chartjs-plugin-zoom");
let zoomPlugin: Promise<ZoomPluginModule> | null = null;
let zoomLoaded: ZoomPluginModule | null = null;
// chartjs-plugin-zoom pulls in hammerjs, which touches `window` when imported: load it in the
// browser only, from the start, so that it is usually there when the chart is built.
const loadZoomPlugin = () =>
  (zoomPlugin ??= import("chartjs-plugin-zoom").then((module) => {
    zoomLoaded = module;
    return module;
  }));
if (typeof window !== "undefined") void loadZoomPlugin();

interface OverlayHost {
  overlay: HTMLCanvasElement | null;
  state: OverlayState;
}

/**
 * Redraws the marker overlay whenever the chart itself draws (zoom, pan, resize, new data). The
 * host is closed over, not put in the options: Chart.js would call the layers' functions as
 * "scriptable" options.
 */
function overlayPlugin(host: OverlayHost): Plugin<"line"> {
  return {
    id: "logscopeOverlay",
    beforeTooltipDraw: cancelTooltipDraw,
    afterDraw(chart) {
      if (host.overlay) drawMarkerOverlay(host.overlay, chart, host.state);
    },
  };
}

/**
 * The timeline: a Chart.js line of the chosen feature, with the anomaly markers and the selected
 * window on a canvas above it, so a threshold change redraws the markers only. Drag selects a
 * range to zoom into, Ctrl + wheel zooms, Shift + drag pans, a click selects the nearest window;
 * focused, the keyboard does all of that (use-timeline-keys.ts). Redraws go through the frame
 * queue: at most one per frame, with the latest data.
 */
export function TimelineChart(props: TimelineChartProps) {
  const chartRef = useRef<ChartInstance<"line"> | null>(null);
  const host = useRef<OverlayHost>({ overlay: null, state: props.overlay });
  const needsUpdate = useRef(false);
  const latest = useRef(props);
  latest.current = props;
  host.current.state = props.overlay;

  const { line, range, featureLabel, overlay, bounds, minSpan } = props;

  const redraw = (chartChanged: boolean) => {
    if (chartChanged) needsUpdate.current = true;
    queueFrameJob(
      host,
      () => {
        const chart = chartRef.current;
        if (!chart) return;
        if (needsUpdate.current) {
          needsUpdate.current = false;
          chart.update("none"); // draws the overlay too (overlayPlugin)
        } else if (host.current.overlay) {
          drawMarkerOverlay(host.current.overlay, chart, host.current.state);
        }
      },
      0,
    );
  };

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const dataset = chart.data.datasets[0];
    const x = chart.options.scales?.x;
    // Just built with exactly this (init below): nothing to redraw.
    if (dataset !== undefined && dataset.data === (line as unknown) && x?.min === range.min && x?.max === range.max && dataset.label === featureLabel) return;
    if (dataset) {
      dataset.data = line;
      dataset.label = featureLabel;
    }
    if (x) {
      x.min = range.min;
      x.max = range.max;
    }
    const y = chart.options.scales?.y;
    if (y && "title" in y && y.title) y.title.text = featureLabel;
    const state = stateOf(chart);
    if (state) state.featureLabel = featureLabel;
    const zoom = (chart.options.plugins as { zoom?: { limits?: { x?: Record<string, number> } } }).zoom;
    if (zoom?.limits?.x) Object.assign(zoom.limits.x, { min: bounds.min, max: bounds.max, minRange: minSpan });
    redraw(true);
  }, [line, range, featureLabel, bounds, minSpan]);

  useEffect(() => redraw(false), [overlay]);

  useEffect(() => () => cancelFrameJob(host), []);

  const zoomOptions = () => {
    const { bounds, minSpan } = latest.current;
    const done = ({ chart: c }: { chart: ChartInstance }) => {
      const scale = c.scales.x;
      if (scale) latest.current.onRangeChange({ min: scale.min, max: scale.max });
    };
    return {
      limits: { x: { min: bounds.min, max: bounds.max, minRange: minSpan } },
      pan: { enabled: true, mode: "x", modifierKey: "shift", onPanComplete: done },
      zoom: {
        mode: "x",
        drag: { enabled: true, threshold: 6, backgroundColor: "rgba(37, 99, 235, 0.10)", borderColor: "rgba(37, 99, 235, 0.6)", borderWidth: 1 },
        wheel: { enabled: true, modifierKey: "ctrl", speed: 0.15 },
        onZoomComplete: done,
      },
    };
  };

  const setup = (chart: ChartInstance<"line"> | null) => {
    chartRef.current = chart;
    if (!chart) return;
    const plugins = chart.options.plugins as Record<string, unknown>;
    setStateOf(chart, { featureLabel: latest.current.featureLabel, describe: (i) => latest.current.describe(i) });
    if (!zoomLoaded) {
      // Built before the plugin arrived: register it, and update so that this chart starts it.
      void loadZoomPlugin().then((module) => {
        if (chartRef.current !== chart) return;
        plugins.zoom = zoomOptions();
        Chart.register(module.default);
        redraw(true);
      });
    }
    chart.options.onClick = (event) => {
      const scale = chart.scales.x;
      if (!scale || event.x === null || event.x === undefined) return;
      if (event.x < chart.chartArea.left || event.x > chart.chartArea.right) return;
      const value = scale.getValueForPixel(event.x);
      const xs = latest.current.starts;
      if (value === undefined || xs.length === 0) return;
      const at = lowerBound(xs, value);
      const before = Math.max(at - 1, 0);
      const after = Math.min(at, xs.length - 1);
      const nearest = Math.abs((xs[before] as number) - value) <= Math.abs((xs[after] as number) - value) ? before : after;
      latest.current.onSelect(nearest);
    };
  };

  return (
    <div
      tabIndex={0}
      role="application"
      aria-roledescription="timeline"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      onKeyDown={props.onKeyDown}
      className="relative rounded-md outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2"
    >
      <ChartCanvas<"line">
        className="h-[320px]"
        label={props.label}
        onChart={setup}
        ready={line.length > 0}
        init={() => {
          // Built once the data is in, with it: one draw, markers included (overlayPlugin).
          const config = timelineConfig(range, featureLabel);
          const dataset = config.data.datasets[0];
          if (dataset) dataset.data = line;
          config.plugins = [...(config.plugins ?? []), overlayPlugin(host.current), ...(zoomLoaded ? [zoomLoaded.default as Plugin<"line">] : [])];
          if (zoomLoaded && config.options?.plugins) (config.options.plugins as Record<string, unknown>).zoom = zoomOptions();
          return config;
        }}
      />
      <canvas
        ref={(canvas) => {
          host.current.overlay = canvas;
        }}
        aria-hidden="true"
        className="pointer-events-none absolute left-0 top-0"
      />
      {props.placeholder && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">
          <span className="animate-pulse rounded bg-white/80 px-3 py-1.5">{props.placeholder}</span>
        </div>
      )}
    </div>
  );
}
