/**
 * "Why this window": the evidence behind each model's verdict on one window, in terms an analyst
 * can check against the raw lines. Pure: the store and the saved models supply the numbers.
 */

export interface ExplainWindowInput {
  index: number;
  start: number;
  end: number;
  featureNames: readonly string[];
  /** Raw features of this window. */
  values: readonly number[];
  /**
   * Per feature over the run's windows: the median and the robust spread that divides (x - median),
   * as lib/detectors/robust-scale.ts robustScale computes them (1.4826 MAD, or 1.2533 mean AD when the MAD is 0),
   * so the page's z-score chart and this explanation agree.
   */
  medians: readonly number[];
  scales: readonly number[];
  ifScore: number;
  ifThreshold: number;
  /** IsolationForest.attribute of the window's scaled row; null when the forest is unavailable. */
  ifAttribution: ArrayLike<number> | null;
  aeError: number;
  aeThreshold: number;
  /** Squared reconstruction error per feature (mean = aeError); null when not stored. */
  aeFeatureErrors: ArrayLike<number> | null;
  /** Distance to the nearest DBSCAN core point; null = the model has none. */
  dbscanDistance: number | null;
  eps: number;
  dbscanCluster: number | null;
  /**
   * A run that flags by the combined score (`--combine score`): this window's score and the cut.
   * Absent or null: the detectors' vote decides, and the summary names the detectors only.
   */
  combined?: { score: number; cut: number } | null;
  /** The window's templates with their typical count per window (extended runs only). */
  templates: readonly {
    id: number;
    template: string;
    count: number;
    median: number;
    mean: number;
    std: number;
    example: string | null;
  }[];
}

export interface FeatureEvidence {
  name: string;
  value: number;
  median: number;
  /** Robust z-score against the run; capped at +-99 so a zero MAD does not print as infinity. */
  z: number;
  /** Share of the autoencoder's reconstruction error (0..1), null when unknown. */
  aeShare: number | null;
  /** Share of the Isolation Forest's isolating splits (0..1), null when unknown. */
  ifShare: number | null;
}

export interface TemplateEvidence {
  id: number;
  template: string;
  count: number;
  /** Lines of this template in a typical window (the median over all windows). */
  typical: number;
  /** How unusual the count is: (count - mean) / max(std, 1). */
  deviation: number;
  example: string | null;
}

export interface WindowExplanation {
  index: number;
  start: number;
  end: number;
  /** All features, most deviating (|z|) first. */
  features: FeatureEvidence[];
  /** The few features that matter most across the three views, strongest first. */
  topFeatures: string[];
  isolationForest: { score: number; threshold: number; anomalous: boolean; attribution: { name: string; share: number }[] };
  autoencoder: { error: number; threshold: number; anomalous: boolean; contributions: { name: string; share: number }[] };
  dbscan: { distance: number | null; eps: number; cluster: number | null; noise: boolean; summary: string };
  /** Templates whose count here deviates most from a typical window (extended runs), most first. */
  templates: TemplateEvidence[];
  /** One sentence summarising the evidence. */
  summary: string;
}

const Z_CAP = 99;
const TOP_FEATURES = 3;
const TOP_TEMPLATES = 5;

/** Robust z, capped; with no spread at all, 0 at the median and the cap elsewhere. */
export function robustZ(value: number, median: number, spread: number): number {
  if (spread > 0) return Math.max(-Z_CAP, Math.min(Z_CAP, (value - median) / spread));
  if (value === median) return 0;
  return value > median ? Z_CAP : -Z_CAP;
}

function shares(values: ArrayLike<number> | null, names: readonly string[]): { name: string; share: number }[] {
  if (!values) return [];
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.max(0, values[i] as number);
  if (!(total > 0)) return [];
  return names
    .map((name, i) => ({ name, share: Math.max(0, (values[i] as number) ?? 0) / total }))
    .sort((a, b) => b.share - a.share);
}

const round = (v: number, digits = 3) => Number(v.toPrecision(digits));

/**
 * Who flags the window. With a combined score, that score decides the window, so it comes first:
 * a window can be flagged by it while no detector's own cut is crossed (a sustained shift the
 * feature tails see), and the other way round.
 */
function verdictSentence(flaggedBy: readonly string[], combined: { score: number; cut: number } | null): string {
  const detectors = flaggedBy.join(", ");
  if (combined === null) return flaggedBy.length > 0 ? `Flagged by ${detectors}.` : "No model flags this window.";
  const score = `${round(combined.score)} against a cut of ${round(combined.cut)}`;
  if (combined.score > combined.cut) {
    return flaggedBy.length > 0
      ? `Flagged by the combined score (${score}) and by ${detectors}.`
      : `Flagged by the combined score (${score}); no detector flags it alone.`;
  }
  return flaggedBy.length > 0
    ? `Not flagged: the combined score stays under its cut (${score}), though ${detectors} ${flaggedBy.length > 1 ? "flag it on their own cuts" : "flags it on its own cut"}.`
    : `Not flagged: the combined score stays under its cut (${score}), and no detector flags it.`;
}

function describeDbscan(distance: number | null, eps: number): { noise: boolean; summary: string } {
  if (distance === null) return { noise: true, summary: "DBSCAN found no dense region at all with these settings, so every window is noise." };
  const noise = distance > eps;
  const ratio = round(distance / eps, 3);
  const shownEps = round(eps, 4);
  return noise
    ? { noise, summary: `Its nearest core window is ${round(distance)} away, ${ratio}x eps (${shownEps}): outside every dense region.` }
    : { noise, summary: `Within eps (${shownEps}) of a core window (distance ${round(distance)}): part of a dense region.` };
}

export function explainWindow(input: ExplainWindowInput): WindowExplanation {
  const names = input.featureNames;
  const ifShares = shares(input.ifAttribution, names);
  const aeShares = shares(input.aeFeatureErrors, names);
  const ifShareOf = new Map(ifShares.map((s) => [s.name, s.share]));
  const aeShareOf = new Map(aeShares.map((s) => [s.name, s.share]));
  const features: FeatureEvidence[] = names.map((name, i) => ({
    name,
    value: input.values[i] ?? 0,
    median: input.medians[i] ?? 0,
    z: robustZ(input.values[i] ?? 0, input.medians[i] ?? 0, input.scales[i] ?? 0),
    aeShare: input.aeFeatureErrors ? (aeShareOf.get(name) ?? 0) : null,
    ifShare: input.ifAttribution ? (ifShareOf.get(name) ?? 0) : null,
  }));
  features.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));

  // One ranking from three views: |z| scaled to the same 0..1 range as the two shares.
  const strength = (f: FeatureEvidence) => Math.min(1, Math.abs(f.z) / 10) + (f.aeShare ?? 0) + (f.ifShare ?? 0);
  const topFeatures = [...features]
    .filter((f) => f.z !== 0 || (f.aeShare ?? 0) > 0 || (f.ifShare ?? 0) > 0)
    .sort((a, b) => strength(b) - strength(a))
    .slice(0, TOP_FEATURES)
    .map((f) => f.name);

  const templates = input.templates
    .map((t) => ({
      id: t.id,
      template: t.template,
      count: t.count,
      typical: t.median,
      deviation: (t.count - t.mean) / Math.max(t.std, 1),
      example: t.example,
    }))
    .filter((t) => t.deviation > 0)
    .sort((a, b) => b.deviation - a.deviation)
    .slice(0, TOP_TEMPLATES);

  const dbscan = describeDbscan(input.dbscanDistance, input.eps);
  const ifAnomalous = input.ifScore > input.ifThreshold;
  const aeAnomalous = input.aeError > input.aeThreshold;
  const flaggedBy = [ifAnomalous && "Isolation Forest", dbscan.noise && "DBSCAN", aeAnomalous && "the autoencoder"].filter((name): name is string => name !== false);
  const lead = features[0];
  const parts: string[] = [];
  parts.push(verdictSentence(flaggedBy, input.combined ?? null));
  if (lead && lead.z !== 0) {
    parts.push(`Most unusual: ${lead.name.replace(/_/g, " ")} = ${round(lead.value, 4)} against a median of ${round(lead.median, 4)} (z ${round(lead.z, 2)}).`);
  }
  const topTemplate = templates[0];
  if (topTemplate) parts.push(`${topTemplate.count} lines of "${topTemplate.template}" (typically ${topTemplate.typical}).`);

  return {
    index: input.index,
    start: input.start,
    end: input.end,
    features,
    topFeatures,
    isolationForest: { score: input.ifScore, threshold: input.ifThreshold, anomalous: ifAnomalous, attribution: ifShares },
    autoencoder: { error: input.aeError, threshold: input.aeThreshold, anomalous: aeAnomalous, contributions: aeShares },
    dbscan: { distance: input.dbscanDistance, eps: input.eps, cluster: input.dbscanCluster, noise: dbscan.noise, summary: dbscan.summary },
    templates,
    summary: parts.join(" "),
  };
}
