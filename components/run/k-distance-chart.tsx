"use client";

import { useEffect, useRef, useState } from "react";
import type { Chart, Plugin } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { queueFrameJob } from "@/components/charts/frame-queue";
import { MAX_K_DISTANCE_MIN_SAMPLES } from "@/lib/detectors/k-distance-limit";
import { describeKDistance } from "@/lib/ui/chart-descriptions";
import { formatCount, formatNumber } from "@/lib/ui/format";
import { countBeyond, readKDistance, type KDistanceCurve } from "@/lib/ui/k-distance-data";
import { MODEL_STYLE } from "@/lib/ui/model-style";

interface KDistanceChartProps {
  runId: number;
  minSamples: number;
  eps: number;
  onPickEps: (eps: number) => void;
}

interface EpsMark {
  eps: number;
}

const epsLinePlugin: Plugin<"line"> = {
  id: "logscopeEps",
  afterDatasetsDraw(chart) {
    const mark = (chart.options.plugins as { epsLine?: EpsMark }).epsLine;
    const y = chart.scales.y;
    if (!mark || !y) return;
    const py = y.getPixelForValue(mark.eps);
    const { top, bottom, left, right } = chart.chartArea;
    if (py < top || py > bottom) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = MODEL_STYLE.dbscan.color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    ctx.moveTo(left, py);
    ctx.lineTo(right, py);
    ctx.stroke();
    ctx.font = "600 10.5px ui-sans-serif, system-ui, sans-serif";
    ctx.fillStyle = MODEL_STYLE.dbscan.color;
    ctx.fillText(`eps ${formatNumber(mark.eps, 3)}`, left + 6, py - 4);
    ctx.restore();
  },
};

/**
 * The sorted distance of every window to its min_samples-th neighbour, with the current eps: the
 * knee is where dense windows end and outliers begin. Clicking the chart sets eps to that height.
 */
export function KDistanceChart({ runId, minSamples, eps, onPickEps }: KDistanceChartProps) {
  const [curve, setCurve] = useState<KDistanceCurve | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chartRef = useRef<Chart<"line"> | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const pick = useRef(onPickEps);
  pick.current = onPickEps;

  // The curve costs the server a k-nearest-neighbour pass over every window (about 2 s for 50k):
  // ask for it once the chart is about to scroll into view, not on every page view.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || visible) return;
    if (typeof IntersectionObserver === "undefined") {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    }, { rootMargin: "200px" });
    observer.observe(box);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    if (!visible) return;
    // A typed (or trained) value beyond the slider: the server refuses it, so do not ask.
    if (minSamples > MAX_K_DISTANCE_MIN_SAMPLES) {
      setCurve(null);
      setError(`The k-distance curve is drawn for min samples up to ${MAX_K_DISTANCE_MIN_SAMPLES}.`);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => void (async () => {
      try {
        const response = await fetch(`/api/runs/${runId}/k-distance?minSamples=${minSamples}`, { signal: controller.signal });
        const parsed = response.ok ? readKDistance(await response.json()) : null;
        if (!parsed) throw new Error(`The k-distance curve is not available (HTTP ${response.status}).`);
        setCurve(parsed);
        setError(null);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "The k-distance curve is not available.");
      }
    })(), 300);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId, minSamples, visible]);

  // Applied on every change and when the (lazily built) chart appears.
  const apply = (chart: Chart<"line">) => {
    const dataset = chart.data.datasets[0];
    if (!dataset) return;
    dataset.data = curve ? curve.points.filter((p) => Number.isFinite(p.y)) : [];
    const finite = curve ? curve.points.map((p) => p.y).filter(Number.isFinite) : [];
    const y = chart.options.scales?.y;
    if (y) {
      // The outlier tail can be 10x the knee; cap the axis so the knee and eps stay readable.
      const high = finite.length > 0 ? (finite[Math.floor(finite.length * 0.97)] ?? finite[finite.length - 1] ?? 1) : 1;
      const top = Math.max(high, eps * 1.6, (curve?.knee?.y ?? 0) * 2.5);
      y.max = finite.length > 0 ? Number((Math.max(Math.min(top, finite[finite.length - 1] ?? top), eps * 1.15) * 1.08).toPrecision(2)) : undefined;
      if ("title" in y && y.title) y.title.text = `${minSamples}-distance`;
    }
    (chart.options.plugins as { epsLine?: EpsMark }).epsLine = { eps };
    queueFrameJob(chart, () => chart.update("none"), 3);
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    if (chartRef.current) applyRef.current(chartRef.current);
  }, [curve, eps, minSamples]);

  const beyond = curve ? countBeyond(curve, eps) : null;
  return (
    <div ref={boxRef}>
      <ChartCanvas<"line">
        className="h-[170px] cursor-pointer"
        lazy
        label={`Sorted ${minSamples}-distance curve with eps ${formatNumber(eps, 3)}; click to set eps`}
        description={describeKDistance(curve, minSamples, eps, beyond?.count ?? null)}
        onChart={(chart) => {
          chartRef.current = chart;
          if (!chart) return;
          applyRef.current(chart);
          chart.options.onClick = (event) => {
            const value = event.y === null || event.y === undefined ? undefined : chart.scales.y?.getValueForPixel(event.y);
            if (value !== undefined && value > 0) pick.current(value);
          };
        }}
        init={() => ({
          type: "line",
          data: { datasets: [{ data: [], borderColor: MODEL_STYLE.dbscan.color, backgroundColor: MODEL_STYLE.dbscan.tint, fill: "origin", borderWidth: 1.5, pointRadius: 0, tension: 0 }] },
          plugins: [epsLinePlugin],
          options: {
            parsing: false,
            normalized: true,
            layout: { padding: { top: 4, right: 4 } },
            interaction: { mode: "nearest", axis: "x", intersect: false },
            scales: {
              x: { type: "linear", grid: { display: false }, title: { display: true, text: "windows, sorted" }, ticks: { maxTicksLimit: 5, callback: (v) => formatCount(Number(v)) } },
              y: { type: "linear", beginAtZero: true, title: { display: true, text: `${minSamples}-distance` }, ticks: { maxTicksLimit: 4 } },
            },
            plugins: {
              tooltip: { callbacks: { title: () => "", label: (item) => `${formatNumber(item.parsed.y ?? NaN)} (window rank ${formatCount(item.parsed.x ?? 0)})` } },
            },
          },
        })}
      />
      <p className="mt-1 min-h-4 text-[11px] text-slate-500">
        {error ? (
          <span className="text-amber-700">{error}</span>
        ) : beyond !== null ? (
          <>
            {beyond.exact ? "" : "≈ "}
            {formatCount(beyond.count)} windows have their {minSamples}th neighbour beyond eps (not core points; those within eps of a core point are not flagged)
            {curve?.knee ? <> · knee at {formatNumber(curve.knee.y, 3)}</> : null}
          </>
        ) : (
          "Loading the k-distance curve…"
        )}
      </p>
    </div>
  );
}
