import {
  combineModeSchema,
  featureSetSchema,
  profileSchema,
  labelSettingsSchema,
  jobStatusSchema,
  runStatusSchema,
  scoreEnsembleStateSchema,
  thresholdChoicesSchema,
  truthWindowsSchema,
  type FeatureSet,
  type RunTruth,
} from "@/lib/domain/types";
import type { Job, LogFile, Run, RunTemplate, ThresholdPreset, Window } from "./generated/prisma/client";
import { decodeLineRanges } from "./line-ranges";
import { corruptData, formatOptionsSchema, jobCell, jobPayloadSchema, readJson, readStored, runCell, stageSecondsSchema, windowCell } from "./stored-json";
import { type RunTemplateRecord, type JobRecord, type LogFileRecord, type PresetRecord, type RunRecord, type WindowRecord } from "./types";
import { EXTENDED_FEATURE_NAMES, featureNamesOf, TEMPLATE_FEATURE_COLUMNS, TEMPLATE_SCALED_COLUMNS } from "./window-columns";
import { decodeFeatureErrors, decodeTemplateCounts } from "./window-extras";

// Prisma rows -> the plain records of ./types. BigInt columns become numbers (all far below 2^53).
// JSON and enum columns go through their schemas (stored-json.ts): a damaged row throws a
// `corrupt` DatabaseError naming it rather than reading as null or as some other status.

/** Run.features, also for the raw readers (get-run-scores and the like). */
export function readFeatureSet(runId: number, value: string): FeatureSet {
  return readStored(featureSetSchema, value, runCell(runId, "features"));
}

/** Source and windows are written together (update-run), so one without the other is damage. */
export function readTruth(runId: number, row: Pick<Run, "truthSource" | "truthWindows">): RunTruth | null {
  if (row.truthSource === null && row.truthWindows === null) return null;
  const windows = readJson(truthWindowsSchema, row.truthWindows, runCell(runId, "truthWindows"));
  if (row.truthSource === null) throw corruptData(runCell(runId, "truthSource"));
  if (windows === null) throw corruptData(runCell(runId, "truthWindows"));
  return { source: row.truthSource, windows };
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
    status: readStored(runStatusSchema, row.status, runCell(row.id, "status")),
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
      features: readFeatureSet(row.id, row.features),
      profile: readStored(profileSchema, row.profile, runCell(row.id, "profile")),
      combine: readStored(combineModeSchema, row.combine, runCell(row.id, "combine")),
      yearAuto: row.yearAuto,
      yearInferred: row.yearInferred,
      format: row.format,
      detectedFormat: row.detectedFormat,
      formatOptions: readJson(formatOptionsSchema, row.formatOptions, runCell(row.id, "formatOptions")),
    },
    // NULL until training timed its stages.
    stageSeconds: readJson(stageSecondsSchema, row.stageSeconds, runCell(row.id, "stageSeconds")) ?? {},
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
    labelSettings: readJson(labelSettingsSchema, row.labelSettings, runCell(row.id, "labelSettings")),
    thresholdChoices: readJson(thresholdChoicesSchema, row.thresholdChoices, runCell(row.id, "thresholdChoices")),
    scoreEnsemble: readJson(scoreEnsembleStateSchema, row.scoreEnsemble, runCell(row.id, "scoreEnsemble")),
    truth: readTruth(row.id, row),
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
    status: readStored(jobStatusSchema, row.status, jobCell(row, "status")),
    progress: row.progress,
    message: row.message,
    payload: readJson(jobPayloadSchema, row.payload, jobCell(row, "payload")),
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
  const templateFeatures = [row.distinctTemplates, row.rareTemplateLines, row.unseenTemplateLines, row.errorKeywordLines, row.errorLevelLines];
  const templateScaled = [
    row.scaledDistinctTemplates, row.scaledRareTemplateLines, row.scaledUnseenTemplateLines, row.scaledErrorKeywordLines, row.scaledErrorLevelLines,
  ];
  // insert-windows writes all five extended features with their scaled values, or none of them.
  const stored = [...templateFeatures, ...templateScaled];
  const missing = stored.findIndex((v) => v === null);
  const extended = missing < 0;
  if (!extended && stored.some((v) => v !== null)) {
    throw corruptData(windowCell(row.runId, row.index, [...TEMPLATE_FEATURE_COLUMNS, ...TEMPLATE_SCALED_COLUMNS][missing] ?? "distinctTemplates"));
  }
  if (extended) {
    features.push(...(templateFeatures as number[]));
    scaled.push(...(templateScaled as number[]));
  }
  const cell = (column: string) => windowCell(row.runId, row.index, column);
  return {
    runId: row.runId,
    index: row.index,
    start: Number(row.start),
    end: Number(row.end),
    featureNames: extended ? EXTENDED_FEATURE_NAMES : featureNamesOf("seed"),
    features,
    scaled,
    templateCounts: decodeTemplateCounts(row.templateCounts, cell("templateCounts")),
    aeFeatureErrors: decodeFeatureErrors(row.aeFeatureErrors, features.length, cell("aeFeatureErrors")),
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
    lineRanges: decodeLineRanges(row.lineRanges, cell("lineRanges")),
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
