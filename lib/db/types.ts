import type { AnomalyCounts, JobStatus, LabelSettings, RunStatus, RunTruth, ScoreEnsembleState, ThresholdChoices } from "@/lib/domain/types";
import type { StoredRunParams } from "@/lib/domain/run-params";
import type { LineRange } from "@/lib/logs/types";

/**
 * Plain objects that lib/db takes and returns. Prisma's generated types stay inside lib/db: callers
 * (server actions, the worker, the CLI) depend on these only, so the store can change underneath.
 * Dates are Date objects; every number is a plain JS number.
 */

export interface LogFileRecord {
  id: number;
  originalName: string;
  sha256: string;
  /** Bytes. */
  size: number;
  lines: number;
  unparsedLines: number;
  /** Relative to DATA_DIR (`uploads/<sha256>.log`); resolve with resolveStoredPath(). */
  storedPath: string;
  createdAt: Date;
}

export interface NewLogFile {
  originalName: string;
  sha256: string;
  size: number;
  lines: number;
  unparsedLines: number;
  /** Defaults to uploadStoredPath(sha256). */
  storedPath?: string;
}

export interface RunRecord {
  id: number;
  logFileId: number;
  status: RunStatus;
  /** The training parameters with the log-format columns (yearAuto, format, detectedFormat, formatOptions). */
  params: StoredRunParams;
  /** Seconds per pipeline stage. */
  stageSeconds: Record<string, number>;
  windowCount: number | null;
  counts: AnomalyCounts | null;
  ifThreshold: number | null;
  aeThreshold: number | null;
  /** Settings of the last relabelling; null = the training labels. */
  labelSettings: LabelSettings | null;
  /** How training set contamination, percentile and eps; null before training or for older runs. */
  thresholdChoices: ThresholdChoices | null;
  /** The score-level ensemble's cut and calibration; null before training or for older runs. */
  scoreEnsemble: ScoreEnsembleState | null;
  truth: RunTruth | null;
  modelDir: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A run with its log file, as lists and detail pages show it. */
export interface RunWithLogFile extends RunRecord {
  logFile: LogFileRecord;
}

export interface JobRecord {
  id: number;
  kind: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  /** Parsed JSON payload, or null. */
  payload: unknown;
  error: string | null;
  runId: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}

export interface PresetRecord extends LabelSettings {
  id: number;
  runId: number;
  name: string;
  createdAt: Date;
}

/** Where a window's lines sit in the stored upload (lib/logs/window-line-ranges.ts gathers them). */
export type { LineRange };

export interface WindowRecord {
  runId: number;
  index: number;
  /** Unix seconds. */
  start: number;
  end: number;
  /** Names of `features` and `scaled`: FEATURE_NAMES, or the thirteen extended names. */
  featureNames: readonly string[];
  /** The eight docs/pipeline.md §3 features in FEATURE_NAMES order, then an extended run's five extended features. */
  features: number[];
  /** The same after standard scaling. */
  scaled: number[];
  /** Extended runs: lines per template id in this window, [id, count] by id; null otherwise. */
  templateCounts: [number, number][] | null;
  /** Per feature squared autoencoder error (float32 precision); null for runs stored without it. */
  aeFeatureErrors: number[] | null;
  ifScore: number;
  aeError: number;
  /** Infinity when the DBSCAN model has no core point. */
  dbscanDistance: number;
  dbscanCluster: number | null;
  labels: { isolationForest: boolean; dbscan: boolean; autoencoder: boolean; ensemble: boolean };
  /** How many of the three models flag the window. */
  modelVotes: number;
  lineRanges: LineRange[];
}

/** A template of an extended run with its per-window line counts summarised (zeros included). */
export interface RunTemplateRecord {
  runId: number;
  /** The miner's template id. */
  id: number;
  template: string;
  /** Lines and windows of the run with this template. */
  lines: number;
  windows: number;
  example: string | null;
  median: number;
  mean: number;
  std: number;
}
