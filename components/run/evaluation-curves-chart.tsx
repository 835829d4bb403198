"use client";

import { memo, useEffect, useRef } from "react";
import type { Chart, TooltipItem } from "chart.js";
import { ChartCanvas } from "@/components/charts/chart-canvas";
import { describeEvaluationCurves } from "@/lib/ui/chart-descriptions";
import { queueFrameJob } from "@/components/charts/frame-queue";
import type { RunCurves } from "@/lib/ui/evaluate-run-labels";
import { formatNumber } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";

export type CurveKind = "roc" | "pr";

/** A model's position under the current thresholds: (FPR, recall) on ROC, (recall, precision) on PR. */
export type OperatingPoints = Record<LabelKey, { x: number; y: number } | null>;

interface EvaluationCurvesChartProps {
  kind: CurveKind;
  /** Null while the scores load. */
  curves: RunCurves | null;
  /** Null while the labels load. */
  points: OperatingPoints | null;
  /** Drawn thicker, on top. */
  selected: LabelKey;
  className?: string;
}

interface CurvePoint {
  x: number;
  y: number;
  threshold?: number;
}

const AXES: Record<CurveKind, { x: string; y: string; title: string }> = {
  roc: { x: "false positive rate", y: "true positive rate", title: "ROC curve" },
  pr: { x: "recall", y: "precision", title: "Precision-recall curve" },
};

// Dataset layout: one curve per model, the chance line, then one operating point per model.
const REFERENCE = LABEL_KEYS.length;
const pointIndex = (k: number) => REFERENCE + 1 + k;

function curvePoints(kind: CurveKind, curves: RunCurves | null, key: LabelKey): CurvePoint[] {
  const model = curves?.models[key];
  if (!model) return [];
  return kind === "roc"
    ? model.roc.points.map((p) => ({ x: p.fpr, y: p.tpr, threshold: p.threshold }))
    : model.pr.points.map((p) => ({ x: p.recall, y: p.precision, threshold: p.threshold }));
}

/** ROC: the diagonal of random scores. PR: random flagging's precision, the labels' prevalence. */
function referencePoints(kind: CurveKind, curves: RunCurves | null): CurvePoint[] {
  if (kind === "roc") return [{ x: 0, y: 0 }, { x: 1, y: 1 }];
  const p = curves?.prevalence;
  return p !== undefined && Number.isFinite(p) ? [{ x: 0, y: p }, { x: 1, y: p }] : [];
}

function describe(kind: CurveKind, curves: RunCurves | null): string {
  const parts = LABEL_KEYS.map((key) => {
    const model = curves?.models[key];
    const value = kind === "roc" ? model?.roc.auc : model?.pr.averagePrecision;
    return `${MODEL_STYLE[key].name} ${kind === "roc" ? "AUC" : "AP"} ${formatNumber(value ?? NaN, 3)}`;
  });
  return `${AXES[kind].title} of each model's scores against the labels, with a marker for the current thresholds: ${parts.join(", ")}`;
}

/**
 * A small ROC or PR chart: one curve per model (scores only, so it moves only when the scores
 * change) and a marker in the model's shape where the current thresholds put it (moves with the
 * sliders). The chart lives outside React; updates mutate its data and queue one redraw a frame.
 */
export const EvaluationCurvesChart = memo(function EvaluationCurvesChart({ kind, curves, points, selected, className = "h-[190px]" }: EvaluationCurvesChartProps) {
  const chartRef = useRef<Chart<"line"> | null>(null);

  const apply = (chart: Chart<"line">) => {
    const sets = chart.data.datasets;
    LABEL_KEYS.forEach((key, k) => {
      const curve = sets[k];
      if (curve) {
        curve.data = curvePoints(kind, curves, key);
        curve.borderWidth = key === selected ? 2.5 : 1.25;
        curve.order = key === selected ? 0 : 1;
      }
      const marker = sets[pointIndex(k)];
      const point = points?.[key];
      if (marker) marker.data = point && Number.isFinite(point.x) && Number.isFinite(point.y) ? [point] : [];
    });
    const reference = sets[REFERENCE];
    if (reference) reference.data = referencePoints(kind, curves);
    queueFrameJob(chart, () => chart.update("none"), 6);
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    if (chartRef.current) applyRef.current(chartRef.current);
  }, [curves, points, selected]);

  const axes = AXES[kind];
  const tooltipLabel = (item: TooltipItem<"line">) => {
    const raw = item.raw as CurvePoint;
    const i = item.datasetIndex;
    const key = i < REFERENCE ? LABEL_KEYS[i] : LABEL_KEYS[i - REFERENCE - 1];
    if (!key) return "";
    const where = `${axes.x} ${formatNumber(raw.x, 3)}, ${axes.y} ${formatNumber(raw.y, 3)}`;
    if (i > REFERENCE) return `${MODEL_STYLE[key].name}, current thresholds: ${where}`;
    return `${MODEL_STYLE[key].name}: ${where}${raw.threshold !== undefined ? ` (score > ${formatNumber(raw.threshold, 3)})` : ""}`;
  };

  return (
    <ChartCanvas<"line">
      className={className}
      lazy
      label={describe(kind, curves)}
      description={describeEvaluationCurves(kind, curves, points, selected)}
      onChart={(chart) => {
        chartRef.current = chart;
        if (chart) applyRef.current(chart);
      }}
      init={() => ({
        type: "line",
        data: {
          datasets: [
            ...LABEL_KEYS.map((key) => ({
              data: [] as CurvePoint[],
              borderColor: MODEL_STYLE[key].color,
              borderWidth: 1.25,
              pointRadius: 0,
              pointHitRadius: 4,
              tension: 0,
              // Average precision is the area under this step function (no interpolation).
              stepped: kind === "pr" ? ("after" as const) : false,
              // Lines along 0 and 1 and markers at the edges would be cut in half by the chart area.
              clip: 6,
            })),
            { data: [] as CurvePoint[], borderColor: "#94a3b8", borderWidth: 1, borderDash: [4, 3], pointRadius: 0, pointHitRadius: 0 },
            ...LABEL_KEYS.map((key) => ({
              data: [] as CurvePoint[],
              showLine: false,
              pointStyle: MODEL_STYLE[key].shape,
              pointRadius: 5.5,
              pointHoverRadius: 7,
              borderWidth: key === "ensemble" ? 2 : 1.5,
              borderColor: key === "ensemble" ? MODEL_STYLE[key].color : "#fff",
              backgroundColor: key === "ensemble" ? "#fff" : MODEL_STYLE[key].color,
              order: -1,
              clip: 8,
            })),
          ],
        },
        options: {
          parsing: false,
          normalized: true,
          layout: { padding: { top: 6, right: 8 } },
          interaction: { mode: "nearest", intersect: false },
          scales: {
            x: { type: "linear", min: 0, max: 1, title: { display: true, text: axes.x }, ticks: { stepSize: 0.25, callback: (v) => formatNumber(Number(v), 2) } },
            y: { type: "linear", min: 0, max: 1, title: { display: true, text: axes.y }, ticks: { stepSize: 0.25, callback: (v) => formatNumber(Number(v), 2) } },
          },
          plugins: {
            tooltip: {
              filter: (item) => item.datasetIndex !== REFERENCE,
              callbacks: { title: () => "", label: tooltipLabel },
            },
          },
        },
      })}
    />
  );
});
