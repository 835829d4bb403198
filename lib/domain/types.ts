import { z } from "zod";

/**
 * The words every layer of Logscope shares: a run's status, its feature set, the thresholds an
 * analyst may move, how training chose them, and the ground truth attached to it. One definition
 * each, importable from the pure libraries, the store, the server, the jobs and client components
 * alike (this module imports nothing but zod, so it is safe in a browser bundle).
 *
 * Shapes that are stored as JSON (label settings, threshold choices, anomaly counts) are zod
 * schemas, so the store reads them back through the same definition it wrote them with and a
 * corrupt row fails with a sentence instead of turning into a silent null.
 */

/** A job's states; a trained run moves through the same ones. */
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/**
 * A run's states: a job's, plus "live" for a stream's run (issue #17), whose windows arrive while
 * it is shown; it ends "succeeded" when its stream stops.
 */
export const RUN_STATUSES = [...JOB_STATUSES, "live"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Has windows to show: trained, or live. The one rule for "render the results pages". */
export function hasResults(status: RunStatus): boolean {
  return status === "succeeded" || status === "live";
}

/** Still to finish: waiting for a worker or training now. The one rule for "show progress, allow cancel". */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];

export function isActive(status: RunStatus): boolean {
  return (ACTIVE_STATUSES as readonly RunStatus[]).includes(status);
}

/** Done for good: the moment a run or job reaches one of these is its finishedAt. */
export function isFinished(status: RunStatus): boolean {
  return !isActive(status) && status !== "live";
}

/** Which columns a window carries: "seed" (docs/pipeline.md §3, the default) or "extended" (plus four template features). */
export const FEATURE_SETS = ["seed", "extended"] as const;
export const featureSetSchema = z.enum(FEATURE_SETS);
export type FeatureSet = z.infer<typeof featureSetSchema>;

/**
 * How the three detectors make the ensemble's label: "vote" (at least `votes` of their own labels,
 * docs/pipeline.md §5) or "score" (one combined score above a cut, lib/detectors/score-ensemble.ts).
 */
export const COMBINE_MODES = ["vote", "score"] as const;
export type CombineMode = (typeof COMBINE_MODES)[number];

/**
 * Named sets of defaults (lib/pipeline/params.ts PROFILE_DEFAULTS): "seed" is the pipeline contract,
 * "recommended" what the held-out evaluation found best. Explicit parameters override either.
 */
export const PROFILES = ["seed", "recommended"] as const;

/**
 * A window's standing against a run's ground truth under the current labels: true positive,
 * false positive, missed (false negative); a true negative has no mark. The table's filters and
 * badges, the window page and lib/db's truth queries all name them so (lib/ui/window-rows.ts truthMarkOf).
 */
export const TRUTH_MARKS = ["tp", "fp", "fn"] as const;
export type TruthMark = (typeof TRUTH_MARKS)[number];
export type Profile = (typeof PROFILES)[number];
export const profileSchema = z.enum(PROFILES);
export const combineModeSchema = z.enum(COMBINE_MODES);

/**
 * The score-level ensemble's fitted state (lib/detectors/score-ensemble.ts ScoreEnsembleJSON without
 * its name): the cut, and each detector's median and scale on the training windows, in the order
 * Isolation Forest, autoencoder, DBSCAN distance. Saved in meta.json and on the run (Run.scoreEnsemble).
 */
export const scoreEnsembleStateSchema = z.object({
  // detectorWeight: absent in runs made before the feature tails (then the combined score is the
  // detectors' median z alone); see lib/detectors/score-ensemble.ts.
  options: z.object({ cut: z.number(), detectorWeight: z.number().nonnegative().optional() }),
  calibrations: z
    .array(z.object({ median: z.number(), scale: z.number().nonnegative(), ceiling: z.number() }))
    .length(3, { error: "must hold 3 calibrations: Isolation Forest, autoencoder, DBSCAN" }),
  /** The feature tails' fit (lib/detectors/feature-tails.ts); absent in runs made before it. */
  tails: z
    .object({
      options: z.object({ span: z.number().int() }),
      calibrations: z.array(z.object({ median: z.number(), scale: z.number().positive() })),
    })
    .optional(),
  /** The host tails' fit (lib/detectors/host-tails.ts); absent in runs made before them. */
  hosts: z
    .object({
      options: z.object({ span: z.number().int() }),
      calibrations: z.array(z.object({ host: z.string(), median: z.number(), scale: z.number().positive() })),
    })
    .optional(),
});
export type ScoreEnsembleState = z.infer<typeof scoreEnsembleStateSchema>;

/**
 * What relabelling may change without retraining (lib/pipeline/relabel-windows.ts). Its keys are the
 * one list of threshold names: forms, URLs, presets, the CLI and the store derive theirs from it.
 */
export const labelSettingsSchema = z.object({
  contamination: z.number(),
  aePercentile: z.number(),
  eps: z.number(),
  minSamples: z.number(),
  votes: z.number(),
});
export type LabelSettings = z.infer<typeof labelSettingsSchema>;
export const LABEL_SETTING_KEYS = labelSettingsSchema.keyof().options;
export type LabelSettingKey = (typeof LABEL_SETTING_KEYS)[number];

/** Thresholds to apply instead of a run's own; an absent one keeps the run's value. */
export type ThresholdOverrides = Partial<LabelSettings>;

/** How a threshold was set: as given, estimated from the scores (`auto`), or to maximise F1 against labels. */
export const THRESHOLD_MODES = ["given", "auto", "labels"] as const;
export type ThresholdMode = (typeof THRESHOLD_MODES)[number];

export const thresholdChoiceSchema = z.object({
  value: z.number(),
  mode: z.enum(THRESHOLD_MODES),
  /** One sentence for the analyst: what was chosen and why. */
  reason: z.string(),
});
export type ThresholdChoice = z.infer<typeof thresholdChoiceSchema>;

/** What `auto` (or labels) decided for each tunable threshold of a run. */
export const thresholdChoicesSchema = z.object({
  contamination: thresholdChoiceSchema,
  aePercentile: thresholdChoiceSchema,
  eps: thresholdChoiceSchema,
});
export type ThresholdChoices = z.infer<typeof thresholdChoicesSchema>;

/** Anomalous windows per model and for the ensemble. */
export const anomalyCountsSchema = z.object({
  isolationForest: z.number(),
  dbscan: z.number(),
  autoencoder: z.number(),
  ensemble: z.number(),
});
export type AnomalyCounts = z.infer<typeof anomalyCountsSchema>;

/** Ground truth attached to a run: where it came from and the windows it calls anomalous. */
export interface RunTruth {
  /** The labels file's description, e.g. "labels.csv: 12 anomalous window starts". */
  source: string;
  /** Indices of the windows labelled anomalous, ascending. */
  windows: number[];
}
export const truthWindowsSchema = z.array(z.number().int().nonnegative());

/** Training parameters of a run as stored: lib/pipeline/params.ts DetectParams with the `auto` flags split off. */
export interface RunParams {
  year: number;
  window: number;
  /** null while an automatic eps is still to be chosen. */
  eps: number | null;
  epsAuto: boolean;
  minSamples: number;
  /** The contamination used; with contaminationAuto, meaningful only once the run has succeeded. */
  contamination: number;
  contaminationAuto: boolean;
  /** The autoencoder percentile used; with aePercentileAuto, meaningful only once the run has succeeded. */
  aePercentile: number;
  aePercentileAuto: boolean;
  votes: number;
  epochs: number;
  seed: number;
  features: FeatureSet;
  /** Which defaults filled the parameters not given; runs from before profiles read "seed". */
  profile: Profile;
  /** How the ensemble combines the detectors; runs from before it read "vote". */
  combine: CombineMode;
}
