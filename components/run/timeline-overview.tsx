"use client";

import { useEffect, useRef } from "react";
import type { Chart, Plugin } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { queueFrameJob } from "@/components/charts/frame-queue";
import { MODEL_STYLE, SERIES_COLOR } from "@/lib/ui/model-style";
import type { TimelinePoint } from "@/lib/ui/timeline-data";
import type { TimeRange } from "./timeline-chart";

interface OverviewProps {
  /** The whole run, coarsely aggregated. */
  line: TimelinePoint[];
  /** Ensemble anomalies, about one per two pixels. */
  markers: TimelinePoint[];
  bounds: TimeRange;
  range: TimeRange;
  minSpan: number;
  onRangeChange: (range: TimeRange) => void;
}

interface BrushState {
  range: TimeRange;
  dragFrom: number | null;
  dragTo: number | null;
}

/** Greys out what lies outside the brushed range, and the range being dragged. */
const brushPlugin: Plugin<"line"> = {
  id: "logscopeBrush",
  afterDraw(chart) {
    const brush = (chart.options.plugins as { brush?: BrushState }).brush;
    const x = chart.scales.x;
    if (!brush || !x) return;
    const { top, bottom, left, right } = chart.chartArea;
    const ctx = chart.ctx;
    const px = (v: number) => Math.min(Math.max(x.getPixelForValue(v), left), right);
    const from = brush.dragFrom !== null && brush.dragTo !== null ? Math.min(brush.dragFrom, brush.dragTo) : brush.range.min;
    const to = brush.dragFrom !== null && brush.dragTo !== null ? Math.max(brush.dragFrom, brush.dragTo) : brush.range.max;
    ctx.save();
    ctx.fillStyle = "rgba(241, 245, 249, 0.78)";
    ctx.fillRect(left, top, px(from) - left, bottom - top);
    ctx.fillRect(px(to), top, right - px(to), bottom - top);
    ctx.strokeStyle = "rgba(37, 99, 235, 0.8)";
    ctx.lineWidth = 1;
    ctx.strokeRect(px(from) + 0.5, top + 0.5, Math.max(px(to) - px(from) - 1, 1), bottom - top - 1);
    ctx.restore();
  },
};

/** A small whole-run chart under the timeline: drag on it to choose the range, click to move the range there. */
export function TimelineOverview({ line: lineData, markers: markerData, bounds, range, minSpan, onRangeChange }: OverviewProps) {
  const chartRef = useRef<Chart<"line"> | null>(null);
  const latest = useRef({ range, bounds, minSpan, onRangeChange });
  latest.current = { range, bounds, minSpan, onRangeChange };

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const [line, markers] = chart.data.datasets;
    const brush = (chart.options.plugins as { brush?: BrushState }).brush;
    const x = chart.options.scales?.x;
    // Just built with exactly this (init below): nothing to redraw.
    if (line?.data === (lineData as unknown) && markers?.data === (markerData as unknown) && brush?.range.min === range.min && brush.range.max === range.max && x?.min === bounds.min && x?.max === bounds.max) return;
    if (line) line.data = lineData;
    if (markers) markers.data = markerData;
    if (brush) brush.range = range;
    if (x) {
      x.min = bounds.min;
      x.max = bounds.max;
    }
    // After the timeline itself (priority 0): the overview is context.
    queueFrameJob(chart, () => chart.update("none"), 2);
  }, [lineData, markerData, range, bounds]);

  // Pointer handling on the canvas, attached when the chart is built (once the data is in).
  const attach = (chart: Chart<"line">): (() => void) => {
    const canvas = chart.canvas;
    const brush = (chart.options.plugins as { brush?: BrushState }).brush as BrushState;
    const valueAt = (event: PointerEvent) => {
      const rect = canvas.getBoundingClientRect();
      const { min, max } = latest.current.bounds;
      return Math.min(Math.max(chart.scales.x?.getValueForPixel(event.clientX - rect.left) ?? min, min), max);
    };
    const down = (event: PointerEvent) => {
      canvas.setPointerCapture(event.pointerId);
      brush.dragFrom = brush.dragTo = valueAt(event);
    };
    const move = (event: PointerEvent) => {
      if (brush.dragFrom === null) return;
      brush.dragTo = valueAt(event);
      chart.draw();
    };
    const up = (event: PointerEvent) => {
      if (brush.dragFrom === null) return;
      const a = brush.dragFrom;
      const b = valueAt(event);
      brush.dragFrom = brush.dragTo = null;
      const { bounds: all, range: current, minSpan: smallest } = latest.current;
      const x = chart.scales.x;
      const dragged = x ? Math.abs(x.getPixelForValue(a) - x.getPixelForValue(b)) > 4 : false;
      if (dragged) {
        const lo = Math.min(a, b);
        const hi = Math.max(Math.max(a, b), lo + smallest);
        latest.current.onRangeChange({ min: lo, max: Math.min(hi, all.max) });
      } else {
        const half = (current.max - current.min) / 2;
        const center = Math.min(Math.max(b, all.min + half), all.max - half);
        latest.current.onRangeChange({ min: center - half, max: center + half });
      }
      chart.draw();
    };
    canvas.addEventListener("pointerdown", down);
    canvas.addEventListener("pointermove", move);
    canvas.addEventListener("pointerup", up);
    return () => {
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerup", up);
    };
  };
  const detach = useRef<(() => void) | null>(null);

  return (
    <ChartCanvas<"line">
      className="h-14 cursor-crosshair select-none"
      ready={lineData.length > 0}
      label="Overview of the whole run; drag to choose the range shown above"
      onChart={(chart) => {
        chartRef.current = chart;
        detach.current?.();
        detach.current = chart ? attach(chart) : null;
      }}
      init={() => ({
        type: "line",
        data: {
          datasets: [
            { data: lineData, borderColor: SERIES_COLOR, borderWidth: 1, pointRadius: 0, fill: "origin", backgroundColor: "rgba(37, 99, 235, 0.10)" },
            { type: "scatter" as never, data: markerData, pointRadius: 1.8, pointBackgroundColor: MODEL_STYLE.ensemble.color, pointBorderWidth: 0, showLine: false },
          ],
        },
        plugins: [brushPlugin],
        options: {
          parsing: false,
          normalized: true,
          events: [],
          layout: { padding: { left: 0, right: 8 } },
          scales: {
            x: { type: "linear", min: bounds.min, max: bounds.max, display: false },
            y: { type: "linear", display: false, beginAtZero: true, grace: "10%" },
          },
          plugins: { tooltip: { enabled: false }, ...({ brush: { range, dragFrom: null, dragTo: null } satisfies BrushState } as object) },
        },
      })}
    />
  );
}
