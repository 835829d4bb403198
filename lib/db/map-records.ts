import type { Job, LogFile, Run, RunTemplate, ThresholdPreset, Window } from "./generated/prisma/client";
import { decodeLineRanges } from "./line-ranges";
import {
  type RunTemplateRecord,
  type RunTruth,
  type ThresholdChoiceRecord,
  type ThresholdChoicesRecord,
  JOB_STATUSES,
  type JobRecord,
  type JobStatus,
  type LabelSettings,
  type LogFileRecord,
  type PresetRecord,
  RUN_STATUSES,
  type RunRecord,
  type RunStatus,
  type WindowRecord,
} from "./types";
import { EXTENDED_FEATURE_NAMES, featureNamesOf } from "./window-columns";
import { decodeFloat32, decodeTemplateCounts } from "./window-extras";

// Prisma rows -> the plain records of ./types. BigInt columns become numbers (all far below 2^53).

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function asRecordOfNumbers(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"));
}

function asLabelSettings(value: unknown): LabelSettings | null {
  const v = value as Partial<LabelSettings> | null;
  if (!v || typeof v !== "object") return null;
  const keys = ["contamination", "aePercentile", "eps", "minSamples", "votes"] as const;
  return keys.every((k) => typeof v[k] === "number") ? (v as LabelSettings) : null;
}

function asChoice(value: unknown): ThresholdChoiceRecord | null {
  const v = value as Partial<ThresholdChoiceRecord> | null;
  if (!v || typeof v !== "object" || typeof v.value !== "number" || typeof v.reason !== "string") return null;
  return v.mode === "given" || v.mode === "auto" || v.mode === "labels" ? { value: v.value, mode: v.mode, reason: v.reason } : null;
}

function asThresholdChoices(value: unknown): ThresholdChoicesRecord | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const contamination = asChoice(v.contamination);
  const aePercentile = asChoice(v.aePercentile);
  const eps = asChoice(v.eps);
  return contamination && aePercentile && eps ? { contamination, aePercentile, eps } : null;
}

function asTruth(source: string | null, windows: string | null): RunTruth | null {
  if (source === null || windows === null) return null;
  const list = parseJson(windows);
  if (!Array.isArray(list)) return null;
  return { source, windows: list.filter((i): i is number => Number.isSafeInteger(i) && i >= 0) };
}

function asRunStatus(status: string): RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : "failed";
}

function asJobStatus(status: string): JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(status) ? (status as JobStatus) : "failed";
}

export function toLogFileRecord(row: LogFile): LogFileRecord {
  return {
    id: row.id,
    originalName: row.originalName,
    sha256: row.sha256,
    size: Number(row.size),
    lines: row.lines,
    unparsedLines: row.unparsedLines,
    storedPath: row.storedPath,
    createdAt: row.createdAt,
  };
}

export function toRunRecord(row: Run): RunRecord {
  const counted =
    row.ifCount !== null && row.dbscanCount !== null && row.aeCount !== null && row.ensembleCount !== null;
  return {
    id: row.id,
    logFileId: row.logFileId,
    status: asRunStatus(row.status),
    params: {
      year: row.year,
      window: row.window,
      eps: row.eps,
      epsAuto: row.epsAuto,
      minSamples: row.minSamples,
      contamination: row.contamination,
      contaminationAuto: row.contaminationAuto,
      aePercentile: row.aePercentile,
      aePercentileAuto: row.aePercentileAuto,
      votes: row.votes,
      epochs: row.epochs,
      seed: Number(row.seed),
      features: row.features === "extended" ? "extended" : "seed",
    },
    stageSeconds: asRecordOfNumbers(parseJson(row.stageSeconds)),
    windowCount: row.windowCount,
    counts: counted
      ? {
          isolationForest: row.ifCount ?? 0,
          dbscan: row.dbscanCount ?? 0,
          autoencoder: row.aeCount ?? 0,
          ensemble: row.ensembleCount ?? 0,
        }
      : null,
    ifThreshold: row.ifThreshold,
    aeThreshold: row.aeThreshold,
    labelSettings: asLabelSettings(parseJson(row.labelSettings)),
    thresholdChoices: asThresholdChoices(parseJson(row.thresholdChoices)),
    truth: asTruth(row.truthSource, row.truthWindows),
    modelDir: row.modelDir,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export function toJobRecord(row: Job): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: asJobStatus(row.status),
    progress: row.progress,
    message: row.message,
    payload: parseJson(row.payload),
    error: row.error,
    runId: row.runId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    heartbeatAt: row.heartbeatAt,
  };
}

export function toPresetRecord(row: ThresholdPreset): PresetRecord {
  return {
    id: row.id,
    runId: row.runId,
    name: row.name,
    contamination: row.contamination,
    aePercentile: row.aePercentile,
    eps: row.eps,
    minSamples: row.minSamples,
    votes: row.votes,
    createdAt: row.createdAt,
  };
}

export function toWindowRecord(row: Window): WindowRecord {
  const features = [
    row.eventCount,
    row.uniqueMessages,
    row.distinctHosts,
    row.distinctProcesses,
    row.avgMsgLength,
    row.failedAuthCount,
    row.invalidUserCount,
    row.entropyTokens,
  ];
  const scaled = [
    row.scaledEventCount,
    row.scaledUniqueMessages,
    row.scaledDistinctHosts,
    row.scaledDistinctProcesses,
    row.scaledAvgMsgLength,
    row.scaledFailedAuthCount,
    row.scaledInvalidUserCount,
    row.scaledEntropyTokens,
  ];
  const templateFeatures = [row.distinctTemplates, row.rareTemplateLines, row.unseenTemplateLines, row.errorKeywordLines];
  const templateScaled = [row.scaledDistinctTemplates, row.scaledRareTemplateLines, row.scaledUnseenTemplateLines, row.scaledErrorKeywordLines];
  // insert-windows writes all four template features or none.
  const extended = templateFeatures.every((v) => v !== null) && templateScaled.every((v) => v !== null);
  if (extended) {
    features.push(...(templateFeatures as number[]));
    scaled.push(...(templateScaled as number[]));
  }
  return {
    runId: row.runId,
    index: row.index,
    start: Number(row.start),
    end: Number(row.end),
    featureNames: extended ? EXTENDED_FEATURE_NAMES : featureNamesOf("seed"),
    features,
    scaled,
    templateCounts: decodeTemplateCounts(row.templateCounts),
    aeFeatureErrors: decodeFloat32(row.aeFeatureErrors),
    ifScore: row.ifScore,
    aeError: row.aeError,
    dbscanDistance: row.dbscanDistance ?? Number.POSITIVE_INFINITY,
    dbscanCluster: row.dbscanCluster,
    labels: {
      isolationForest: row.ifAnomaly,
      dbscan: row.dbscanAnomaly,
      autoencoder: row.aeAnomaly,
      ensemble: row.ensembleAnomaly,
    },
    modelVotes: row.modelVotes,
    lineRanges: decodeLineRanges(row.lineRanges),
  };
}

export function toRunTemplateRecord(row: RunTemplate): RunTemplateRecord {
  return {
    runId: row.runId,
    id: row.templateId,
    template: row.template,
    lines: row.lines,
    windows: row.windows,
    example: row.example,
    median: row.median,
    mean: row.mean,
    std: row.std,
  };
}
