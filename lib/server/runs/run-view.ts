import "server-only";
import type { TruthScore } from "@/lib/db/ensemble-truth-scores";
import { ACTIVE_STATUSES, hasResults, isActive, type AnomalyCounts, type FeatureSet, type LabelSettings, type RunStatus, type RunTruth, type ThresholdChoices } from "@/lib/domain/types";
import { requestedParams, trainedSettings, type StoredFormatOptions } from "@/lib/domain/run-params";
import { basename } from "node:path";
import { getRun } from "@/lib/db/get-run";
import { getStreamOfRun } from "@/lib/db/get-stream";
import { listStreams } from "@/lib/db/list-streams";
import type { StreamRecord, StreamSource, StreamState } from "@/lib/domain/stream-types";
import { listJobs } from "@/lib/db/list-jobs";
import { listRuns, type ListRunsInput } from "@/lib/db/list-runs";
import type { JobRecord, RunWithLogFile } from "@/lib/db/types";
import { featureNamesOf } from "@/lib/db/window-columns";
import type { DetectParams } from "@/lib/pipeline/params";
import { notFound } from "@/lib/server/http/service-error";

/** A run as GET /api/runs/:id returns it (dates as ISO strings). */
export interface RunView {
  id: number;
  status: RunStatus;
  /** 0..1 */
  progress: number;
  /** What the worker is doing, e.g. "Epoch 3/20, loss 0.012345". */
  message: string | null;
  /**
   * As requested: eps, contamination and aePercentile are numbers, or "auto"; features seed or
   * extended; no year when it was to be inferred; the format and its options in their text forms.
   */
  params: DetectParams;
  /** The log format: as asked for, as read by training, and its options (docs/pipeline.md §1b). */
  format: RunFormatView;
  /** seed (the eight contract features) or extended (plus four template features and error-level records). */
  features: FeatureSet;
  /** Names of the run's feature columns, in model order (8 or 12). */
  featureNames: readonly string[];
  /** How training set contamination, percentile and eps (given, auto or from labels); null until succeeded or for older runs. */
  choices: ThresholdChoices | null;
  /** Ground truth: its source and the indices of the windows it labels anomalous; null without. */
  truth: RunTruth | null;
  /** The ensemble's precision, recall and F1 against the ground truth under the stored labels; null without truth or in views that do not read it. */
  truthScore: TruthScore | null;
  counts: AnomalyCounts | null;
  windowCount: number | null;
  /** The trained thresholds; null until the run has succeeded. */
  thresholds: ({ isolationForest: number; autoencoder: number } & LabelSettings) | null;
  stageSeconds: Record<string, number>;
  logFile: { id: number; name: string; size: number; lines: number; unparsedLines: number };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface RunFormatView {
  /** "auto", a name, `loghub:<Name>` or a template ("syslog" for runs from before formats). */
  requested: string;
  /** The format training read; null until trained. */
  detected: string | null;
  tz: string | null;
  fields: StoredFormatOptions["fields"] | null;
  masks: StoredFormatOptions["masks"] | null;
  timeFormat: string | null;
  /**
   * The year of the log's first year-less record: as given, or as training inferred it; null when
   * none was given and none inferred (not trained yet, or every record carries its year).
   */
  year: number | null;
  /** The year was not given and training inferred it from the log. */
  yearInferred: boolean;
}

const FINAL_MESSAGE: Record<RunStatus, string | null> = {
  queued: "Waiting for the worker",
  running: "Running",
  succeeded: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
  live: "Live",
};

export function toRunView(run: RunWithLogFile & { truthScore?: TruthScore | null }, job: JobRecord | null): RunView {
  const p = run.params;
  const active = isActive(run.status);
  // A live run (issue #17) shows its windows so far as a succeeded one shows all of them.
  const results = hasResults(run.status);
  const trained = results ? trainedSettings(p) : null;
  return {
    id: run.id,
    status: run.status,
    progress: run.status === "succeeded" ? 1 : active && job ? job.progress : 0,
    message: active && job ? job.message : FINAL_MESSAGE[run.status],
    params: requestedParams(p),
    format: {
      requested: p.format,
      detected: results ? p.detectedFormat : null,
      tz: p.formatOptions?.tz ?? null,
      fields: p.formatOptions?.fields ?? null,
      masks: p.formatOptions?.masks ?? null,
      timeFormat: p.formatOptions?.timeFormat ?? null,
      // With yearAuto the column holds a placeholder unless training inferred the year.
      year: p.yearAuto && !p.yearInferred ? null : p.year,
      yearInferred: p.yearAuto && p.yearInferred,
    },
    features: p.features,
    featureNames: featureNamesOf(p.features),
    choices: results ? run.thresholdChoices : null,
    truth: run.truth,
    truthScore: run.truthScore ?? null,
    // Only a succeeded or live run's results count (a cancelled worker may have written some).
    counts: results ? run.counts : null,
    windowCount: results ? run.windowCount : null,
    thresholds:
      trained && run.ifThreshold !== null && run.aeThreshold !== null
        ? { isolationForest: run.ifThreshold, autoencoder: run.aeThreshold, ...trained }
        : null,
    stageSeconds: run.stageSeconds,
    logFile: {
      id: run.logFile.id,
      name: run.logFile.originalName,
      size: run.logFile.size,
      lines: run.logFile.lines,
      unparsedLines: run.logFile.unparsedLines,
    },
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function getRunView(runId: number): Promise<RunView> {
  const run = await getRun(runId);
  if (!run) throw notFound(`There is no run ${runId}.`);
  const [job] = await listJobs({ runId, limit: 1 });
  return toRunView(run, job ?? null);
}

export interface RunListView {
  runs: RunView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Runs newest first, with the progress of those in progress. */
export async function listRunViews(input: ListRunsInput = {}): Promise<RunListView> {
  const page = await listRuns(input);
  const active = page.runs.some((r) => isActive(r.status))
    ? await listJobs({ statuses: ACTIVE_STATUSES, limit: 500 })
    : [];
  const jobOfRun = new Map<number, JobRecord>();
  for (const job of active) if (job.runId !== null && !jobOfRun.has(job.runId)) jobOfRun.set(job.runId, job);
  return { ...page, runs: page.runs.map((run) => toRunView(run, jobOfRun.get(run.id) ?? null)) };
}

/** What the live run page shows of the stream behind a run (issue #17); plain data for the browser. */
export interface StreamFacts {
  id: number;
  name: string;
  /** The stream's own (live) run. */
  runId: number;
  source: StreamSource;
  /** The source in words: "HTTP ingest", "syslog on UDP port 5514", "file app.log" (its name only: pages carry no server paths). */
  sourceText: string;
  state: StreamState;
  /** Seconds a window stays open past its end. */
  lateness: number;
  lines: number;
  unparsedLines: number;
  lateRecords: number;
  lastProblem: string | null;
  /** The run whose model scores the stream. */
  modelRunId: number;
  stoppedAt: string | null;
}

function sourceText(stream: StreamRecord): string {
  const config = stream.sourceConfig;
  if (stream.source === "syslog" && config && "port" in config) return `syslog on ${config.protocol.toUpperCase()} port ${config.port}`;
  if (stream.source === "file" && config && "path" in config) return `file ${basename(config.path)}`;
  return "HTTP ingest";
}

/** The stream whose live run this is, or null for a trained run. */
export async function getStreamFacts(runId: number): Promise<StreamFacts | null> {
  const stream = await getStreamOfRun(runId);
  return stream && toStreamFacts(stream);
}

/** Streams newest first, at most `limit` (the Runs page lists them above the runs). */
export async function listStreamFacts(limit: number): Promise<StreamFacts[]> {
  return (await listStreams()).slice(0, limit).map(toStreamFacts);
}

function toStreamFacts(stream: StreamRecord): StreamFacts {
  return {
    id: stream.id,
    name: stream.name,
    runId: stream.runId,
    source: stream.source,
    sourceText: sourceText(stream),
    state: stream.state,
    lateness: stream.lateness,
    lines: stream.lines,
    unparsedLines: stream.unparsedLines,
    lateRecords: stream.lateRecords,
    lastProblem: stream.lastProblem,
    modelRunId: stream.modelRunId,
    stoppedAt: stream.stoppedAt?.toISOString() ?? null,
  };
}
