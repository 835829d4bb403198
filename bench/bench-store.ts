// Store and job benchmarks for bench/run.ts: bulk window writes, a log POSTed to /api/runs and
// trained by the job runner's worker process until the run has succeeded, and relabelling speed.
// Each function works in its own temporary DATA_DIR / MODELS_DIR and restores the environment; on
// PostgreSQL (store "postgresql", the server LOGSCOPE_TEST_POSTGRES_URL names) in a database of its
// own, dropped afterwards.
import { openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { POST as postRun } from "@/app/api/runs/route";
import { closeDb } from "@/lib/db/client";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { getRunScores } from "@/lib/db/get-run-scores";
import { insertWindows } from "@/lib/db/insert-windows";
import { updateRun } from "@/lib/db/update-run";
import { Random } from "@/lib/detectors/random";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { listRunWindows } from "@/lib/server/runs/run-windows";
import { getRunView } from "@/lib/server/runs/run-view";
import type { WindowFeatures } from "@/lib/logs/types";
import { featureMatrix } from "@/lib/pipeline/score-windows";
import { Client } from "pg";
import { timeBest } from "./bench-support";
import { ChildPeakRss } from "./child-peak-rss";

export type BenchStore = "sqlite" | "postgresql";

/** A fresh database on the PostgreSQL server of LOGSCOPE_TEST_POSTGRES_URL, and how to drop it. */
async function tempPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.LOGSCOPE_TEST_POSTGRES_URL;
  if (!admin) throw new Error("The PostgreSQL store rows need LOGSCOPE_TEST_POSTGRES_URL (npm run bench starts a server of its own).");
  const name = `logscope_bench_${process.pid}_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const ENV_KEYS = ["DATA_DIR", "DATABASE_URL", "MODELS_DIR"] as const;
// Settings a bench row may change for its run (benchStoreEndToEnd's `env`), put back afterwards.
const EXTRA_ENV_KEYS = ["LOGSCOPE_MAX_UPLOAD_BYTES"] as const;

/** Runs `work` against a fresh temporary store, then puts everything back. */
async function withTempStore<T>(store: BenchStore, work: (dir: string) => Promise<T>): Promise<T> {
  const saved = Object.fromEntries([...ENV_KEYS, ...EXTRA_ENV_KEYS].map((k) => [k, process.env[k]]));
  const dir = await mkdtemp(join(tmpdir(), "logscope-bench-store-"));
  await closeDb();
  process.env.DATA_DIR = join(dir, "data");
  process.env.MODELS_DIR = join(dir, "models");
  const postgres = store === "postgresql" ? await tempPostgresDatabase() : undefined;
  if (postgres) process.env.DATABASE_URL = postgres.url;
  else delete process.env.DATABASE_URL;
  try {
    return await work(dir);
  } finally {
    await stopJobRunner();
    await closeDb();
    forgetEnsuredDatabase();
    await postgres?.drop();
    for (const k of [...ENV_KEYS, ...EXTRA_ENV_KEYS]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await rm(dir, { recursive: true, force: true });
  }
}

const seconds = (since: number) => (performance.now() - since) / 1000;

const PARAMS = { year: 2025, window: 60, eps: 0.5, minSamples: 5, contamination: 0.05, aePercentile: 95, votes: 2, epochs: 20, seed: 42 };

/**
 * A succeeded run of `n` windows: windows drawn (seeded, with replacement) from `source`, or
 * synthetic ones, with 1% noise on the two continuous features as bench-detectors does.
 */
async function seedRun(n: number, source?: readonly WindowFeatures[]): Promise<{ runId: number; insertSeconds: number }> {
  const random = new Random(7);
  const windows: WindowFeatures[] = [];
  for (let i = 0; i < n; i++) {
    const from = source && source.length > 0 ? source[random.nextInt(source.length)] : undefined;
    const values = from ? [...from.values] : [1 + random.nextInt(50), 1 + random.nextInt(20), 1 + random.nextInt(5), 1 + random.nextInt(8), 40, random.nextInt(3), 0, 3];
    values[4] = (values[4] as number) * (1 + 0.01 * random.nextGaussian());
    values[7] = (values[7] as number) * (1 + 0.01 * random.nextGaussian());
    windows.push({ start: 1_750_000_000 + i * 60, end: 1_750_000_060 + i * 60, values });
  }
  const scaled = new StandardScaler().fitTransform(featureMatrix(windows));
  const column = () => Float64Array.from({ length: n }, () => random.nextFloat());
  const labels = () => Uint8Array.from({ length: n }, () => (random.nextFloat() < 0.05 ? 1 : 0));
  const { logFile } = await createLogFile({ originalName: "bench.log", sha256: "b".repeat(64), size: 1, lines: n, unparsedLines: 0 });
  const run = await createRun({ logFileId: logFile.id, params: PARAMS, status: "running" });
  const started = performance.now();
  await insertWindows({
    runId: run.id,
    windows,
    scaled,
    scores: { isolationForest: column(), autoencoder: column(), dbscanDistance: column() },
    labels: { isolationForest: labels(), dbscan: labels(), autoencoder: labels(), ensemble: labels() },
    lineRanges: windows.map((_, i) => [{ firstLine: i * 10 + 1, lineCount: 10, offset: i * 1000, length: 999 }]),
  });
  const insertSeconds = seconds(started);
  await updateRun(run.id, { status: "succeeded", windowCount: n, counts: { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 }, ifThreshold: 0.9, aeThreshold: 0.9 });
  return { runId: run.id, insertSeconds };
}

export interface InsertWindowsTiming {
  windows: number;
  /** insertWindows of all windows in one transaction. */
  insertSeconds: number;
  /** getRunScores, what relabelling reads first. */
  readScoresSeconds: number;
}

/** Bulk write and columnar read-back of `n` windows. */
export async function benchInsertWindows(n: number, store: BenchStore = "sqlite"): Promise<InsertWindowsTiming> {
  return withTempStore(store, async () => {
    const { runId, insertSeconds } = await seedRun(n);
    const read = await timeBest(3, () => getRunScores(runId));
    return { windows: n, insertSeconds, readScoresSeconds: read.seconds };
  });
}

export interface RelabelTiming {
  windows: number;
  /** First relabelling of a run: reads its scores (then cached). */
  firstSeconds: number;
  /** New contamination / percentile / votes, DBSCAN unchanged: best of 3. */
  thresholdsSeconds: number;
  /** New eps (a DBSCAN refit, not cached): best of 3. */
  dbscanSeconds: number;
  /** A relabelled page of 100 windows (filter ensemble, sorted by IF score). */
  pageSeconds: number;
}

async function timeRelabel(runId: number, windows: number): Promise<RelabelTiming> {
  let t = performance.now();
  await relabelRun(runId, { votes: 1 });
  const firstSeconds = seconds(t);
  const settings = [{ votes: 3 }, { contamination: 0.1 }, { aePercentile: 90, votes: 1 }];
  let k = 0;
  const thresholds = await timeBest(3, () => relabelRun(runId, settings[k++ % settings.length]));
  let eps = 0.55;
  const dbscan = await timeBest(3, () => relabelRun(runId, { eps: (eps += 0.05) }));
  t = performance.now();
  await listRunWindows(runId, { filter: "ensemble", sort: "ifScore", pageSize: 100, thresholds: { contamination: 0.07 } });
  return { windows, firstSeconds, thresholdsSeconds: thresholds.seconds, dbscanSeconds: dbscan.seconds, pageSeconds: seconds(t) };
}

/** Relabelling speed on a stored run of `n` windows drawn from `source` (targets: 10k thresholds <= 0.3 s, 50k DBSCAN <= 3 s). */
export async function benchRelabel(n: number, source?: readonly WindowFeatures[], store: BenchStore = "sqlite"): Promise<RelabelTiming> {
  return withTempStore(store, async () => timeRelabel((await seedRun(n, source)).runId, n));
}

export interface StoreEndToEndTiming {
  log: string;
  bytes: number;
  lines: number;
  windows: number;
  /** POST /api/runs (multipart, streamed to disk, hashed, checked, recorded, queued) until its 201. */
  uploadSeconds: number;
  /** From the 201 until the run has succeeded: worker start, parse, train, save, store windows. */
  trainSeconds: number;
  totalSeconds: number;
  /** The job's worker process's peak RSS (VmHWM, sampled every 100 ms while the run went on). */
  workerPeakRssMiB: number;
  /** Per pipeline stage as the worker recorded them (plus "store"). */
  stageSeconds: Record<string, number>;
  relabel: RelabelTiming;
}

/**
 * A log POSTed to the /api/runs route handler in this process, trained by the job runner's
 * worker process with the default parameters (or `options.fields`' form fields, under
 * `options.env`'s settings), until the run has succeeded; then relabelling timings on the stored run.
 */
export async function benchStoreEndToEnd(
  logPath: string, year: number, store: BenchStore = "sqlite", options: { env?: Record<string, string>; fields?: Record<string, string> } = {},
): Promise<StoreEndToEndTiming> {
  return withTempStore(store, async () => {
    Object.assign(process.env, options.env);
    await startJobRunner({ pollMs: 100 }).ready;
    const form = new FormData();
    form.set("year", String(year));
    for (const [name, value] of Object.entries(options.fields ?? {})) form.set(name, value);
    form.set("file", await openAsBlob(logPath), basename(logPath));
    const started = performance.now();
    const response = await postRun(new Request("http://localhost/api/runs", { method: "POST", body: form }));
    const body = (await response.json()) as { id?: number; error?: string };
    if (response.status !== 201 || body.id === undefined) throw new Error(`POST /api/runs answered ${response.status}: ${body.error}`);
    const uploadSeconds = seconds(started);
    const queued = performance.now();
    const rss = new ChildPeakRss();
    let view = await getRunView(body.id);
    while (view.status === "queued" || view.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await rss.sample();
      view = await getRunView(body.id);
    }
    if (view.status !== "succeeded") throw new Error(`run ${view.status}: ${view.error}`);
    const trainSeconds = seconds(queued);
    return {
      log: logPath,
      bytes: view.logFile.size,
      lines: view.logFile.lines,
      windows: view.windowCount ?? 0,
      uploadSeconds,
      trainSeconds,
      totalSeconds: seconds(started),
      workerPeakRssMiB: rss.mib,
      stageSeconds: view.stageSeconds,
      relabel: await timeRelabel(body.id, view.windowCount ?? 0),
    };
  });
}
