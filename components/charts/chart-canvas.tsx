"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { ChartConfiguration, ChartType } from "chart.js";
import { Chart } from "./chart-setup";

interface ChartCanvasProps<T extends ChartType> {
  /** Builds the chart once, on mount; later changes go through `onChart` and chart.update(). */
  init: () => ChartConfiguration<T>;
  onChart: (chart: Chart<T> | null) => void;
  /** Describes the chart for screen readers (the canvas is an image to them). */
  label: string;
  className?: string;
  /** Text alternative inside the canvas (read when the canvas cannot render). */
  children?: ReactNode;
}

/**
 * A Chart.js chart on a canvas. The chart lives outside React's render cycle: parents mutate its
 * data and call update("none") from effects, so a moving slider redraws a canvas instead of
 * re-rendering thousands of elements.
 */
export function ChartCanvas<T extends ChartType>({ init, onChart, label, className = "", children }: ChartCanvasProps<T>) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const initRef = useRef(init);
  const onChartRef = useRef(onChart);
  onChartRef.current = onChart;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(canvas, initRef.current());
    onChartRef.current(chart);
    return () => {
      onChartRef.current(null);
      chart.destroy();
    };
  }, []);

  return (
    <div className={`relative ${className}`}>
      <canvas ref={canvasRef} role="img" aria-label={label}>
        {children ?? label}
      </canvas>
    </div>
  );
}
