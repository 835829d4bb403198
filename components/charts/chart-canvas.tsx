"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import type { ChartConfiguration, ChartType } from "chart.js";
import { Chart } from "./chart-setup";
import { cancelFrameJob } from "./frame-queue";

interface ChartCanvasProps<T extends ChartType> {
  /** Builds the chart once, on mount; later changes go through `onChart` and chart.update(). */
  init: () => ChartConfiguration<T>;
  onChart: (chart: Chart<T> | null) => void;
  /** Names the chart for screen readers (the canvas is an image to them). */
  label: string;
  /**
   * What the chart shows, in a sentence of rounded numbers (lib/ui/chart-descriptions.ts): kept in
   * a visually hidden paragraph the canvas points at with aria-describedby, and updated as the
   * chart's data changes.
   */
  description?: string;
  className?: string;
  /** Text alternative inside the canvas (read when the canvas cannot render). */
  children?: ReactNode;
  /**
   * Build the chart only once it nears the viewport (charts below the fold would otherwise be laid
   * out and drawn while the page hydrates). `init` then sees the props of that moment.
   */
  lazy?: boolean;
  /** Build the chart only once this is true (e.g. when its data is in: one draw instead of an empty one first). */
  ready?: boolean;
}

/**
 * A Chart.js chart on a canvas. The chart lives outside React's render cycle: parents mutate its
 * data and queue update("none") from effects (frame-queue.ts, keyed by the chart), so a moving
 * slider redraws a canvas instead of re-rendering thousands of elements.
 */
export function ChartCanvas<T extends ChartType>({ init, onChart, label, description, className = "", children, lazy = false, ready = true }: ChartCanvasProps<T>) {
  const descriptionId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const initRef = useRef(init);
  initRef.current = init;
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;
  // Once built, a chart stays (ready going false again, e.g. while other data loads, keeps it).
  const armed = useRef(false);
  if (ready) armed.current = true;
  const build = armed.current;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !build) return;
    let chart: Chart<T> | null = null;
    const create = () => {
      chart = new Chart(canvas, initRef.current());
      onChartRef.current(chart);
    };
    let observer: IntersectionObserver | null = null;
    if (lazy && typeof IntersectionObserver !== "undefined") {
      observer = new IntersectionObserver(
        (entries) => {
          if (chart || !entries.some((e) => e.isIntersecting)) return;
          observer?.disconnect();
          create();
        },
        { rootMargin: "150px" },
      );
      observer.observe(canvas);
    } else {
      create();
    }
    return () => {
      observer?.disconnect();
      if (!chart) return;
      onChartRef.current(null);
      // A redraw queued for this chart (frame-queue.ts, keyed by the chart) must not run after this.
      cancelFrameJob(chart);
      chart.destroy();
    };
  }, [lazy, build]);

  return (
    <div className={`relative ${className}`}>
      <canvas ref={canvasRef} role="img" aria-label={label} aria-describedby={description ? descriptionId : undefined} className="max-w-full">
        {children ?? label}
      </canvas>
      {description && (
        <p id={descriptionId} className="sr-only" data-chart-description="">
          {description}
        </p>
      )}
    </div>
  );
}
