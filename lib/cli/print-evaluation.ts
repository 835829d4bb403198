import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import type { WindowFeatures } from "@/lib/logs/types";
import { MODEL_KEYS, type ModelKey, type RunEvaluation } from "@/lib/pipeline/evaluate-run";
import type { Thresholds } from "@/lib/pipeline/types";

const MODEL_LABELS: Record<ModelKey, string> = {
  isolationForest: "isolation forest",
  dbscan: "dbscan",
  autoencoder: "autoencoder",
  ensemble: "ensemble",
};

const HEADERS = ["model", "flagged", "precision", "recall", "F1", "ROC AUC", "avg precision", "missed"];
const MAX_MISSED_SHOWN = 5;

const startOf = (windows: readonly WindowFeatures[], i: number) => formatIsoUtc((windows[i] as WindowFeatures).start);

// NaN (a curve with one class only) shows as "-", not as a number that looks measured.
const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "-");

/**
 * The evaluation table printed after the summary: one row per model, columns aligned (model names
 * left, numbers right), then the windows the ensemble missed, by start time.
 */
export function formatEvaluation(evaluation: RunEvaluation, windows: readonly WindowFeatures[], thresholds?: Thresholds): string {
  const rows = MODEL_KEYS.map((key) => {
    const m = evaluation.models[key];
    return [MODEL_LABELS[key], String(m.flagged), fixed(m.precision), fixed(m.recall), fixed(m.f1), fixed(m.roc.auc), fixed(m.pr.averagePrecision), String(m.missed.length)];
  });
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const align = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ").trimEnd();
  const lines = [
    `Labels: ${evaluation.source}; ${evaluation.labelled} of ${evaluation.windows} windows labelled anomalous`,
    align(HEADERS),
    ...rows.map(align),
  ];
  const missed = evaluation.models.ensemble.missed;
  if (missed.length > 0) {
    const shown = missed.slice(0, MAX_MISSED_SHOWN).map((i) => startOf(windows, i));
    const more = missed.length > shown.length ? ` and ${missed.length - shown.length} more` : "";
    lines.push(`Missed by the ensemble: ${shown.join(", ")}${more}`);
  }
  const choices = thresholds?.choices;
  if (choices && Object.values(choices).some((choice) => choice.mode === "labels")) {
    lines.push("Note: thresholds were tuned on these same labels, so these figures are optimistic; check them on a held-out log with predict --labels.");
  }
  return lines.join("\n");
}

/**
 * evaluation.json: the evaluation as computed, plus the labels file and, per model, the start
 * times of the missed windows so the file reads without the CSV. JSON has no Infinity or NaN:
 * the curves' end thresholds (+-Infinity) and an undefined AUC are written as null.
 */
export function formatEvaluationJson(evaluation: RunEvaluation, windows: readonly WindowFeatures[], labelsFile: string): string {
  const models = Object.fromEntries(
    MODEL_KEYS.map((key) => {
      const model = evaluation.models[key];
      return [key, { ...model, missedStarts: model.missed.map((i) => startOf(windows, i)) }];
    }),
  );
  const json = JSON.stringify({ labelsFile, ...evaluation, models }, null, 2);
  return `${compactLeaves(json)}\n`;
}

/** One line per curve point and per array of numbers or strings: thousands of lines fewer, as readable. */
function compactLeaves(json: string): string {
  return json
    .replace(/\{\n\s+("(?:fpr|recall)":[^{}[\]]*)\n\s*\}/g, (_, body: string) => `{ ${body.replace(/,\n\s+/g, ", ")} }`)
    .replace(/\[\n\s+([^{}[\]]*)\n\s*\]/g, (_, body: string) => `[${body.replace(/,\n\s+/g, ", ")}]`);
}
