// npm run load [-- --url http://127.0.0.1:3000] [--build] [--lines 1000000] [--clients 20] [--seconds 30]
// Issue #13: GET /api/runs must answer within 500 ms at p95, with 20 concurrent clients, while two
// heavy k-distance curves (min samples at the limit, 1000) are computed and a 1M-line log trains.
// Without --url it starts the production server (npm start: dist/start.cjs, needs `npm run build`,
// or pass --build) on a free loopback port with a temporary DATA_DIR, removed afterwards. With --url
// it uses that running server, which must be on a loopback address, and leaves two runs in it.
// The log comes from the repo's generator (bench/out, reused as npm run bench does). The measured
// window opens when the second training job runs and the curves are asked for, and closes when the
// first of the three ends (or after --seconds). The clients run on the same machine as the server.
// Bounded: loopback only, at most 100 clients, and the whole script gives up after 20 minutes.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { ensureGeneratedLog } from "./bench-support";
import { MAX_K_DISTANCE_MIN_SAMPLES } from "@/lib/detectors/k-distance-limit";
import { freePort } from "@/lib/ops/free-port";

const TARGET_P95_MS = 500;
const DEADLINE_MS = 20 * 60_000;
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    build: { type: "boolean", default: false },
    lines: { type: "string", default: "1000000" },
    clients: { type: "string", default: "20" },
    seconds: { type: "string", default: "30" },
  },
});
const lines = Number(args.lines);
const clients = Math.min(Math.max(Math.trunc(Number(args.clients)), 1), 100);
const windowMs = Math.min(Math.max(Number(args.seconds), 5), 300) * 1000;

const say = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(times: number[], seconds: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (p: number) => percentile(sorted, p).toFixed(0);
  return `${sorted.length} answers in ${seconds.toFixed(1)} s (${(sorted.length / seconds).toFixed(0)}/s): p50 ${f(50)} ms, p95 ${f(95)} ms, p99 ${f(99)} ms, max ${f(100)} ms`;
}

async function api<T>(base: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface RunState {
  status: string;
  progress: number;
  windowCount: number | null;
  error: string | null;
}

async function waitForRun(base: string, id: number, until: (run: RunState) => boolean): Promise<RunState> {
  for (;;) {
    const run = await api<RunState>(base, `/api/runs/${id}`);
    if (until(run)) return run;
    if (run.status === "failed" || run.status === "cancelled") throw new Error(`run ${id} ${run.status}: ${run.error}`);
    await sleep(250);
  }
}

/** `count` clients, each asking GET /api/runs again as soon as it has its answer, until `stop()`. */
async function listLoad(base: string, count: number, stop: () => boolean): Promise<{ times: number[]; seconds: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (!stop()) {
        const t = performance.now();
        const response = await fetch(`${base}/api/runs?pageSize=20`).catch(() => null);
        if (response) await response.arrayBuffer();
        if (response?.ok) times.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000, errors };
}

/** The server this script started, stopped on the way out whatever happens. */
let started: ChildProcess | undefined;


function runCommand(command: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${argv.join(" ")} exited with ${code}`))));
  });
}

/** npm start's command on a free port and a temporary DATA_DIR; resolves once GET /api/runs answers. */
async function startServer(): Promise<{ base: string; child: ChildProcess; dir: string }> {
  if (args.build) await runCommand("npm", ["run", "-s", "build"]);
  if (!existsSync(".next/BUILD_ID")) throw new Error('there is no production build: run "npm run build" first, or pass --build.');
  const dir = await mkdtemp(join(tmpdir(), "logscope-load-"));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: join(dir, "data"), MODELS_DIR: join(dir, "models"), DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(port) };
  const child = spawn(process.execPath, ["--conditions=react-server", "dist/start.cjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
  started = child;
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; !(await fetch(`${base}/api/runs`).catch(() => null))?.ok; waited += 250) {
    const failure = child.exitCode !== null ? `the server exited with code ${child.exitCode}` : waited > 120_000 ? "the server did not answer within 2 minutes" : null;
    if (failure) {
      await stopServer({ child, dir });
      throw new Error(failure);
    }
    await sleep(250);
  }
  return { base, child, dir };
}

async function stopServer(server: { child: ChildProcess; dir: string }): Promise<void> {
  if (server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
  }
  await rm(server.dir, { recursive: true, force: true });
}

async function measure(base: string): Promise<boolean> {
  say(`machine: ${cpus().length} cores, Node ${process.version}; load average ${load()}`);
  const generated = await ensureGeneratedLog(lines, 7);
  // Warm: a cold server compiles each route on its first requests (measured: seconds-long outliers in the idle figures).
  for (let i = 0; i < 50; i++) await api(base, "/api/runs?pageSize=20");
  say(`\n== Idle: ${clients} clients on GET /api/runs for 5 s`);
  let until = performance.now() + 5000;
  const idle = await listLoad(base, clients, () => performance.now() > until);
  say(`  ${summary(idle.times, idle.seconds)}`);

  const form = new FormData();
  form.set("file", await openAsBlob(generated.log), basename(generated.log));
  let t = performance.now();
  const upload = await api<{ logFileId: number; lines: number }>(base, "/api/uploads", { method: "POST", body: form });
  say(`\n== Uploaded ${upload.lines.toLocaleString("en")} lines in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const startRun = (seed: number) =>
    api<{ id: number }>(base, "/api/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ logFileId: upload.logFileId, year: generated.year, seed }) });
  t = performance.now();
  const trained = await startRun(42);
  const first = await waitForRun(base, trained.id, (run) => run.status === "succeeded");
  say(`  run ${trained.id} trained in ${((performance.now() - t) / 1000).toFixed(1)} s: ${first.windowCount} windows`);

  // The load: a second 1M-line training job, and two curves at the limit (distinct k, so neither is the other's cache hit).
  const training = await startRun(43);
  await waitForRun(base, training.id, (run) => run.status === "running");
  const ks = [MAX_K_DISTANCE_MIN_SAMPLES, MAX_K_DISTANCE_MIN_SAMPLES - 1];
  const started = performance.now();
  const curves = ks.map(async (k) => {
    const response = await fetch(`${base}/api/runs/${trained.id}/k-distance?minSamples=${k}`);
    await response.arrayBuffer();
    return { k, status: response.status, seconds: (performance.now() - started) / 1000 };
  });
  let heavyDone = false;
  void Promise.race(curves).finally(() => (heavyDone = true));
  const loads = [load()];
  const sampler = setInterval(() => loads.push(load()), 5000);
  until = started + windowMs;
  let trainingDone = false;
  let watching = true;
  const watch = (async () => {
    while (watching && !trainingDone) {
      if ((await api<RunState>(base, `/api/runs/${training.id}`)).status !== "running") trainingDone = true;
      else await sleep(250);
    }
  })().catch(() => (trainingDone = true));
  const busy = await listLoad(base, clients, () => heavyDone || trainingDone || performance.now() > until);
  watching = false;
  await watch;
  clearInterval(sampler);
  loads.push(load());
  const end = heavyDone ? "a curve was done" : trainingDone ? "the training ended" : `${windowMs / 1000} s passed`;
  const during = await api<RunState>(base, `/api/runs/${training.id}`);
  say(`\n== During 2 k-distance curves (k = ${ks.join(", ")}) and training run ${training.id}: ${clients} clients on GET /api/runs until ${end}`);
  say(`  ${summary(busy.times, busy.seconds)}${busy.errors > 0 ? `, ${busy.errors} failed` : ""}`);
  say(`  load average (1, 5, 15 min) every 5 s: ${loads.join(" | ")}`);
  say(`  training run ${training.id} at the end of the window: ${during.status}, ${Math.round(during.progress * 100)}%`);
  for (const curve of await Promise.all(curves)) say(`  k-distance k = ${curve.k}: HTTP ${curve.status} after ${curve.seconds.toFixed(1)} s`);
  const p95 = percentile([...busy.times].sort((a, b) => a - b), 95);
  const ok = busy.errors === 0 && p95 <= TARGET_P95_MS;
  say(`\n  GET /api/runs p95 ${p95.toFixed(0)} ms [target ${TARGET_P95_MS} ms: ${ok ? "ok" : "MISSED"}]`);
  return ok;
}

/** Ends the script at once (deadline, Ctrl-C), stopping the server it started. */
function quit(message: string): never {
  started?.kill("SIGTERM");
  process.stderr.write(`load: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (!(lines >= 1000)) throw new Error("--lines must be a number of at least 1000");
  setTimeout(() => quit(`gave up after ${DEADLINE_MS / 60_000} minutes`), DEADLINE_MS).unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => quit(`stopped by ${signal}`));
  if (args.url) {
    const url = new URL(args.url);
    if (!LOOPBACK.includes(url.hostname)) throw new Error(`--url must be a loopback address (${LOOPBACK.join(", ")}), not ${url.hostname}`);
    process.exitCode = (await measure(url.origin)) ? 0 : 1;
    return;
  }
  const server = await startServer();
  try {
    process.exitCode = (await measure(server.base)) ? 0 : 1;
  } finally {
    await stopServer(server);
  }
}

main().catch((error: unknown) => quit(error instanceof Error ? error.message : String(error)));
