import type { ThresholdChoice } from "@/lib/domain/types";
import type { RunSummary, StageName, Thresholds } from "@/lib/pipeline/types";
import type { EpsDecision } from "@/lib/pipeline/detector-models";

const STAGE_LABELS: Record<StageName, string> = {
  parse: "parse",
  scale: "scale",
  isolationForest: "isolation forest",
  dbscan: "dbscan",
  autoencoder: "autoencoder",
  save: "save",
};

/** The short closing report of `detect` and `predict`. */
export function formatSummary(summary: RunSummary, thresholds: Thresholds, eps: EpsDecision, window: number): string {
  const { extraction, anomalies, seconds } = summary;
  const stages = (Object.keys(STAGE_LABELS) as StageName[])
    .filter((stage) => seconds[stage] !== undefined)
    .map((stage) => `${STAGE_LABELS[stage]} ${(seconds[stage] ?? 0).toFixed(2)}`);
  const total = Object.values(seconds).reduce((a, b) => a + (b ?? 0), 0);
  const choices = thresholds.choices;
  // Runs with threshold choices explain each automatic one in a sentence of its own below.
  const epsLine = choices
    ? `eps: ${withMode(eps.eps, choices.eps)}`
    : eps.auto
      ? `eps: ${round(eps.eps)} (auto: knee of the k-distance curve at window ${eps.kneeIndex} of ${eps.curveLength})`
      : `eps: ${round(eps.eps)}`;
  const reasons = choices
    ? [choices.eps, choices.contamination, choices.aePercentile].filter((c) => c.mode !== "given").map((c) => `  ${c.reason}`)
    : [];
  return [
    `Lines: ${extraction.lines} (parsed ${extraction.parsedLines}, unparsed ${extraction.unparsedLines})`,
    `Windows: ${summary.windows} of ${window} s`,
    `${epsLine}, min samples ${thresholds.minSamples}; contamination ${withMode(thresholds.contamination, choices?.contamination)}; ` +
      `autoencoder percentile ${withMode(thresholds.aePercentile, choices?.aePercentile)}; votes ${thresholds.votes}`,
    ...reasons,
    `Anomalies: isolation forest ${anomalies.isolationForest}, dbscan ${anomalies.dbscan}, autoencoder ${anomalies.autoencoder}, ensemble ${anomalies.ensemble}`,
    `Seconds: ${stages.join(", ")}, total ${total.toFixed(2)}`,
  ].join("\n");
}

function withMode(value: number, choice: ThresholdChoice | undefined): string {
  if (!choice || choice.mode === "given") return round(value);
  return `${round(value)} (${choice.mode === "auto" ? "auto" : "chosen with the labels"})`;
}

function round(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

/** First unparsed lines, so the analyst sees what the parser refused instead of a bare count. */
export function formatUnparsed(summary: RunSummary, max = 3): string {
  const { unparsedSamples, unparsedLines } = summary.extraction;
  if (unparsedLines === 0) return "";
  const shown = unparsedSamples.slice(0, max).map((s) => `  line ${s.line}: ${s.text.slice(0, 120)}`);
  const more = unparsedLines > shown.length ? [`  ... and ${unparsedLines - shown.length} more`] : [];
  return [`Unparsed lines (not syslog records, counted but not windowed):`, ...shown, ...more].join("\n");
}
