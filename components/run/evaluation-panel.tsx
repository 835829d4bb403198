"use client";

import type { RunTruth } from "@/lib/domain/types";
import { memo, startTransition, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { isAnalystMarksOnly } from "@/lib/domain/analyst-marks";
import {
  evaluateRunLabels, stepRunCurves, truthMask, type RunCurves, type RunLabelColumns, type RunLabelEvaluation, type RunScoreColumns,
} from "@/lib/ui/evaluate-run-labels";
import { formatCount, formatPercent } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";
import { EvaluationCurvesChart, type OperatingPoints } from "./evaluation-curves-chart";
import { EvaluationModelSwitch, EvaluationWindowList } from "./evaluation-window-list";
import { EvaluationTable } from "./evaluation-table";

export interface EvaluationPanelProps {
  runId: number;
  /** RunView.truth: the labels' source and the anomalous window indices. Null renders nothing. */
  truth: RunTruth | null;
  /** Windows in the run (the length every column below must have). */
  windowCount: number;
  /**
   * Detector scores per window, or null while they load. `dbscanDistance` (distance to the nearest
   * core point under the eps / min samples of the labels shown) is optional: without it DBSCAN has
   * no curve and the ensemble's curve ranks IF and AE only. The page's ClientSeries fits as is.
   * Curves are recomputed only when one of these arrays changes (by identity).
   */
  scores: RunScoreColumns | null;
  /**
   * Current 0/1 labels per model and ensemble (ClientLabels fits), or null while they load;
   * columns of another length than windowCount count as not loaded. Cheap to change (O(n)).
   */
  labels: RunLabelColumns | null;
  /** Window starts (Unix seconds), to date the missed windows; optional. */
  starts?: ArrayLike<number> | null;
  /** Link of a window's page; defaults to /runs/:id/windows/:index (pass the page's to keep thresholds). */
  windowHref?: (index: number) => string;
}

function operatingPoints(evaluation: RunLabelEvaluation | null): { roc: OperatingPoints; pr: OperatingPoints } | null {
  if (!evaluation) return null;
  const roc = {} as OperatingPoints;
  const pr = {} as OperatingPoints;
  for (const key of LABEL_KEYS) {
    const m = evaluation.models[key];
    roc[key] = { x: m.falsePositiveRate, y: m.recall };
    // Precision is undefined when nothing is flagged; no point rather than one at (0, 0).
    pr[key] = m.flagged > 0 ? { x: m.recall, y: m.precision } : null;
  }
  return { roc, pr };
}

/** Windows a model flags that the truth mask calls normal, ascending: O(n), so it follows every slider step. */
function falsePositiveWindows(predicted: ArrayLike<number>, truth: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === 1 && truth[i] !== 1) found.push(i);
  return found;
}

/** True once the element has come within 300 px of the viewport (and from then on). */
function useNearViewport(ref: RefObject<HTMLElement | null>, active: boolean): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !active || !element) return;
    if (typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: "300px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near, active]);
  return near;
}

function ensembleNote(from: readonly string[] | undefined): string {
  // No detector listed: the run combines by score, and its curves rank that score.
  if (from && from.length === 0) return "The ensemble's curves rank its combined score, the one its cut labels.";
  const names = (from ?? ["isolationForest", "dbscan", "autoencoder"]).map((k) => MODEL_STYLE[k as LabelKey].short);
  return `The ensemble votes on labels and has no score of its own; its curves rank the mean percentile rank of ${names.join(", ")} scores.`;
}

/**
 * The run against its ground-truth labels: per model, flagged windows, precision, recall and F1
 * under the current thresholds (follow the sliders) beside ROC AUC and average precision of its
 * scores (independent of thresholds), small ROC and PR charts with each model's current operating
 * point, and, for the selected model, the labelled windows it misses beside the ones it flags that
 * the labels call normal (its false positives). Renders nothing without labels.
 */
export const EvaluationPanel = memo(function EvaluationPanel({ runId, truth, windowCount, scores, labels, starts, windowHref }: EvaluationPanelProps) {
  const [selected, setSelected] = useState<LabelKey>("ensemble");
  const truthWindows = truth?.windows ?? null;

  const ifScores = scores?.isolationForest;
  const aeScores = scores?.autoencoder;
  const dbDistances = scores?.dbscanDistance ?? null;
  const boxRef = useRef<HTMLDivElement>(null);
  const visible = useNearViewport(boxRef, truth !== null);
  const [curves, setCurves] = useState<RunCurves | null>(null);
  // About 0.5 s of sorting for 50k windows: started once the panel nears the viewport, one model
  // per task. Keyed on the columns, not the wrapper object, so an inline { ... } prop costs nothing;
  // the previous curves stay on screen until the new ones are ready.
  useEffect(() => {
    if (!visible || !truthWindows || !ifScores || !aeScores || ifScores.length !== windowCount) return;
    const steps = stepRunCurves(truthWindows, { isolationForest: ifScores, autoencoder: aeScores, dbscanDistance: dbDistances });
    let timer: ReturnType<typeof setTimeout>;
    const run = () => {
      const step = steps.next();
      if (step.done) startTransition(() => setCurves(step.value));
      else timer = setTimeout(run, 0);
    };
    timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }, [visible, truthWindows, ifScores, aeScores, dbDistances, windowCount]);

  // Keyed on the four columns too: the wrapper (ClientLabels) is rebuilt whenever any threshold moves.
  const ifLabels = labels?.isolationForest;
  const dbLabels = labels?.dbscan;
  const aeLabels = labels?.autoencoder;
  const ensembleLabels = labels?.ensemble;
  const evaluation = useMemo(() => {
    if (!truthWindows || !ifLabels || !dbLabels || !aeLabels || !ensembleLabels) return null;
    const columns: RunLabelColumns = { isolationForest: ifLabels, dbscan: dbLabels, autoencoder: aeLabels, ensemble: ensembleLabels };
    if (LABEL_KEYS.some((k) => columns[k].length !== windowCount)) return null;
    return evaluateRunLabels(truthWindows, windowCount, columns);
  }, [truthWindows, windowCount, ifLabels, dbLabels, aeLabels, ensembleLabels]);

  const points = useMemo(() => operatingPoints(evaluation), [evaluation]);
  const mask = useMemo(() => (truthWindows ? truthMask(truthWindows, windowCount) : null), [truthWindows, windowCount]);
  // Keyed on the evaluation (which changes with any label column) and the model shown.
  const falsePositives = useMemo(() => {
    const column = { isolationForest: ifLabels, dbscan: dbLabels, autoencoder: aeLabels, ensemble: ensembleLabels }[selected];
    return evaluation && mask && column ? falsePositiveWindows(column, mask) : null;
  }, [evaluation, mask, selected, ifLabels, dbLabels, aeLabels, ensembleLabels]);

  if (!truth) return null;
  const labelled = evaluation?.labelled ?? curves?.labelled ?? truth.windows.length;
  const href = windowHref ?? ((index: number) => `/runs/${runId}/windows/${index}`);

  return (
    <Card label="Evaluation against labels">
      <CardHeader
        title="Evaluation against labels"
        description={
          <>
            Labels: <span className="text-slate-700">{truth.source}</span> · {formatCount(labelled)} of {formatCount(windowCount)} windows labelled
            anomalous ({formatPercent(labelled / Math.max(windowCount, 1))})
          </>
        }
      />
      <div ref={boxRef} className="space-y-4 p-4">
        {isAnalystMarksOnly(truth.source) && (
          <p className="text-xs text-slate-600">These labels are your marks alone: every window you have not marked anomalous counts as normal.</p>
        )}
        {labelled === 0 && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-800">
            The labels mark no window of this run as anomalous, so recall and the curves are undefined.
          </p>
        )}
        <EvaluationTable labels={evaluation} curves={curves} selected={selected} onSelect={setSelected} />
        <div>
          <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
            <figure className="min-w-0">
              <figcaption className="mb-1 text-xs font-medium text-slate-700">ROC curve</figcaption>
              <EvaluationCurvesChart kind="roc" curves={curves} points={points?.roc ?? null} selected={selected} />
            </figure>
            <figure className="min-w-0">
              <figcaption className="mb-1 text-xs font-medium text-slate-700">Precision-recall curve</figcaption>
              <EvaluationCurvesChart kind="pr" curves={curves} points={points?.pr ?? null} selected={selected} />
            </figure>
          </div>
          <p className="mt-1.5 text-[11px] text-slate-500">
            {curves ? "Curves rank each model's scores (no threshold); markers show the current thresholds. " : scores ? "Computing the curves… " : "Loading the scores… "}
            {ensembleNote(curves?.ensembleFrom)}
            {curves && curves.models.dbscan === null && " DBSCAN distances are not loaded, so DBSCAN has no curve."}
          </p>
        </div>
        <div>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-600">Windows to review under the current thresholds</p>
            <EvaluationModelSwitch model={selected} onModelChange={setSelected} />
          </div>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <EvaluationWindowList kind="missed" model={selected} windows={evaluation ? evaluation.models[selected].missed : null} starts={starts} windowHref={href} />
            <EvaluationWindowList kind="falsePositives" model={selected} windows={falsePositives} starts={starts} windowHref={href} />
          </div>
        </div>
      </div>
    </Card>
  );
});
