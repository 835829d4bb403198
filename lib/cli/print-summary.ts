import { flagShareWarnings } from "@/lib/domain/flag-share";
import type { ThresholdChoice } from "@/lib/domain/types";
import type { RunSummary, StageName, Thresholds } from "@/lib/pipeline/types";
import type { EpsDecision } from "@/lib/pipeline/detector-models";
import type { LogReading } from "@/lib/pipeline/read-log-file";

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
    ...flagShareWarnings(anomalies, summary.windows).map((warning) => `Warning: ${warning.message}`),
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
  const what = summary.extraction.format ? `not ${summary.extraction.format.name} records` : "not syslog records";
  return [`Unparsed lines (${what}, counted but not windowed):`, ...shown, ...more].join("\n");
}

/** A value as one shell word, for a command line the analyst can paste. */
export function shellWord(value: string): string {
  return /^[\w.:/@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * How the log was read, before the counts: the format (what detection chose, how much of the
 * sample it matched and the `--format` that skips detection), the lines joined to records or
 * skipped as structure, and a year the log did not give.
 */
export function formatReading(reading: LogReading, given = "as given"): string {
  const lines: string[] = [];
  const { format } = reading;
  if (format) {
    const percent = `${Number((format.matchRate * 100).toFixed(1))}%`;
    lines.push(
      format.detected
        ? `Format: ${format.name} (detected: ${percent} of the sampled lines are its records; the same without detection: --format ${shellWord(format.name)})`
        : `Format: ${format.name} (${given})`,
    );
    if (format.continuationLines > 0) lines.push(`Continuation lines: ${format.continuationLines} (joined to the record above them)`);
    if (format.metaLines > 0) lines.push(`Structure lines: ${format.metaLines} (directives or headers, neither records nor unparsed)`);
  }
  if (reading.yearInferred) lines.push(`Assumed year ${reading.year} (no --year given)`);
  return lines.join("\n");
}
