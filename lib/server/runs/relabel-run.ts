import "server-only";
import { hasResults, type AnomalyCounts, type LabelSettings, type ThresholdOverrides } from "@/lib/domain/types";
import { isStreamLogKey } from "@/lib/domain/stream-types";
import { trainedSettings } from "@/lib/domain/run-params";
import { resolveDatabaseUrl } from "@/lib/db/database-location";
import { getRun } from "@/lib/db/get-run";
import { getRunScores, type RunScores } from "@/lib/db/get-run-scores";
import type { RunWithLogFile } from "@/lib/db/types";
import type { ScoreVerdict } from "@/lib/detectors/ensemble";
import { relabelWindows, type Relabelling } from "@/lib/pipeline/relabel-windows";
import { LruCache } from "@/lib/server/lru-cache";
import { sameThresholds } from "@/lib/ui/url-state";
import { modelCutsFor, withModelCuts, type ModelCuts } from "@/lib/ui/model-cuts";
import { notFound, ServiceError } from "@/lib/server/http/service-error";
import { compute } from "./compute-thread";

/** A run's labels under some thresholds, for every window in window order. */
export interface RunLabels {
  run: RunWithLogFile;
  settings: LabelSettings;
  /** True when `settings` are the ones the stored labels were made with (no relabelling needed). */
  stored: boolean;
  relabelling: Relabelling;
  /** Models flagging each window (0..3). */
  votes: Uint8Array;
  /** DBSCAN cluster per window (-1 = noise) when the DBSCAN settings differ from the stored ones; else null (use the stored column). */
  dbscanClusters: Int32Array | null;
  counts: AnomalyCounts;
  scores: RunScores;
}

interface DbscanFit {
  labels: Uint8Array;
  distances: Float64Array;
  clusters: Int32Array | null;
}

// Per server process: a slider moved on one run reuses its scores and earlier DBSCAN fits. Scores
// are kept as the promise of their read, so requests arriving together read them once: each read
// is synchronous (raw SQLite), and six requests reading 4000 windows at once held the event loop
// 200 ms in one go.
const globalForCache = globalThis as typeof globalThis & {
  logscopeRunCaches?: { scores: LruCache<string, Promise<RunScores>>; dbscan: LruCache<string, DbscanFit> };
};
const caches = (globalForCache.logscopeRunCaches ??= {
  scores: new LruCache<string, Promise<RunScores>>(4),
  dbscan: new LruCache<string, DbscanFit>(16),
});

/**
 * The settings the run's stored labels were made with: the last stored relabelling, else training.
 * The one answer to "what are this run's own thresholds" for the API, the pages and the exports.
 */
export function storedSettings(run: RunWithLogFile): LabelSettings {
  const settings = run.labelSettings ?? trainedSettings(run.params);
  if (!settings) throw new ServiceError(409, `Run ${run.id} has no results yet (${run.status}).`);
  return settings;
}

/**
 * How a run's ensemble decides: by its combined scores (stored at training) above its cut when it
 * combines by score, else null (the vote). The one place the pages, the API and the exports ask.
 */
export function scoreVerdictOf(run: RunWithLogFile, combined: Float64Array | null | undefined): ScoreVerdict | null {
  if (run.params.combine !== "score" || !run.scoreEnsemble || !combined) return null;
  return { combined, cut: run.scoreEnsemble.options.cut };
}

/**
 * Whether the run's windows were scored with its model's fixed cuts (a stream's live run, issue
 * #17), not labelled by quantiles of its own scores: lib/ui/model-cuts.ts.
 */
export function scoredWithModelCuts(run: RunWithLogFile): boolean {
  return isStreamLogKey(run.logFile.storedPath);
}

/** The fixed cuts that apply to `run` under `settings` (none for a trained run). */
export function modelCutsOf(run: RunWithLogFile, settings: Pick<LabelSettings, "contamination" | "aePercentile">): ModelCuts {
  return modelCutsFor(scoredWithModelCuts(run), run, settings, storedSettings(run));
}

/** A run that has results (trained, or live: lib/domain/types.ts hasResults), else a 404/409 ServiceError. */
export async function getFinishedRun(runId: number): Promise<RunWithLogFile> {
  const run = await getRun(runId);
  if (!run) throw notFound(`There is no run ${runId}.`);
  if (!hasResults(run.status)) {
    throw new ServiceError(409, `Run ${runId} has no results: it is ${run.status}${run.status === "failed" ? "" : "; wait until it has succeeded"}.`);
  }
  return run;
}

/**
 * Cache key of a run's results: a trained run's scores never change once it has succeeded, a live
 * run's only grow (so its window count is part of the key); the database is part of the key
 * because tests and benchmarks switch databases whose run ids repeat.
 */
export function runCacheKey(run: RunWithLogFile): string {
  return `${resolveDatabaseUrl()}|${run.id}|${run.finishedAt?.getTime() ?? 0}|${run.windowCount ?? 0}`;
}

function scoresOf(run: RunWithLogFile): Promise<RunScores> {
  const key = runCacheKey(run);
  let scores = caches.scores.get(key);
  if (!scores) {
    scores = getRunScores(run.id).then((read) => {
      if (!read) throw notFound(`There is no run ${run.id}.`);
      return read;
    });
    caches.scores.set(key, scores);
    // A failed read is not kept: the next request tries again.
    scores.catch(() => caches.scores.deleteWhere((k) => k === key));
  }
  return scores;
}

async function dbscanFor(run: RunWithLogFile, scores: RunScores, eps: number, minSamples: number): Promise<DbscanFit> {
  const key = `${runCacheKey(run)}|${eps}|${minSamples}`;
  let fit = caches.dbscan.get(key);
  if (!fit) {
    // Noise and distances only: numbering clusters would double the time of a slider move, and a
    // window's cluster under other thresholds is not shown anywhere that needs it. On a compute
    // thread: on the event loop a refit of 10k windows blocked the server 0.25 s (eps 0.7) to
    // 2.6 s (eps 2, min samples 10000).
    const result = await compute("dbscan-noise", key, { x: scores.scaled, eps, minSamples });
    fit = { labels: result.labels, distances: result.coreDistances, clusters: null };
    caches.dbscan.set(key, fit);
  }
  return fit;
}

/**
 * Labels every window of a finished run under `overrides` (absent fields: the run's own
 * thresholds), from its stored scores: the result equals a fresh run with those settings
 * (relabel-windows.ts). Nothing is written: the stored labels stay the training labels.
 */
export async function relabelRun(runId: number, overrides: ThresholdOverrides = {}): Promise<RunLabels> {
  const run = await getFinishedRun(runId);
  const own = storedSettings(run);
  const settings: LabelSettings = { ...own, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const scores = await scoresOf(run);
  let dbscanClusters: Int32Array | null = null;
  let stored = scores;
  const reuse = scores.dbscan && scores.dbscan.eps === settings.eps && scores.dbscan.minSamples === settings.minSamples;
  if (!reuse) {
    const fit = await dbscanFor(run, scores, settings.eps, settings.minSamples);
    dbscanClusters = fit.clusters;
    stored = { ...scores, dbscan: { eps: settings.eps, minSamples: settings.minSamples, labels: fit.labels, distances: fit.distances } };
  }
  const verdict = scoreVerdictOf(run, scores.combined);
  const relabelling = withModelCuts(relabelWindows(stored, settings, verdict), scores, modelCutsOf(run, settings), settings.votes, verdict);
  const { labels } = relabelling;
  const n = labels.ensemble.length;
  const votes = new Uint8Array(n);
  const counts: AnomalyCounts = { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 };
  for (let i = 0; i < n; i++) {
    const f = labels.isolationForest[i] as number;
    const d = labels.dbscan[i] as number;
    const a = labels.autoencoder[i] as number;
    votes[i] = f + d + a;
    counts.isolationForest += f;
    counts.dbscan += d;
    counts.autoencoder += a;
    counts.ensemble += labels.ensemble[i] as number;
  }
  return { run, settings, stored: sameThresholds(settings, own), relabelling, votes, dbscanClusters, counts, scores };
}

/** Drops a run's cached scores and fits (it was deleted). */
export function forgetRunCaches(runId: number): void {
  const mine = (key: string) => key.split("|")[1] === String(runId);
  caches.scores.deleteWhere(mine);
  caches.dbscan.deleteWhere(mine);
}

/** The cached scores of a finished run (k-distance curves reuse them). */
export async function getCachedRunScores(run: RunWithLogFile): Promise<RunScores> {
  return scoresOf(run);
}
