// Issue #17's throughput rows for bench/run.ts (or alone: tsx --conditions=react-server bench/bench-live.ts):
// (a) POST /api/streams/:id/lines with a bearer token on loopback, batches of 5,000 lines numbered
// with Logscope-Seq, one after another as a client waiting for each acknowledgement sends them; and
// (b) npm run watch reading the same lines on standard input. The server is the route handlers in
// this process behind node:http, or with BENCH_LIVE_SERVER=next a real `next start` (dist/start.cjs,
// needs a current `npm run build`: npm run bench builds only dist/, and a stale .next would serve
// old routes); the row says which. Both on a temporary DATA_DIR, with an account and its token, and
// the example Linux_2k run (trained by the server's job runner) as the model.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { GET as runsRoute, POST as startRunRoute } from "@/app/api/runs/route";
import { GET as streamRoute } from "@/app/api/streams/[id]/route";
import { POST as linesRoute } from "@/app/api/streams/[id]/lines/route";
import { POST as createStreamRoute } from "@/app/api/streams/route";
import { closeDb } from "@/lib/db/client";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { closeLiveStreams } from "@/lib/live/stream-registry";
import { freePort } from "@/lib/ops/free-port";
import { seedExampleRun } from "@/lib/server/runs/seed-example-run";
import { ensureGeneratedLog, fmt, verdict, type GeneratedLog } from "./bench-support";

export const LIVE_INGEST_LINES_PER_SECOND = 50_000;
const BATCH_LINES = 5000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");

export interface LiveTiming {
  lines: number;
  /** Where the ingest route ran: "next start" or "route handlers in process". */
  server: string;
  ingestSeconds: number;
  ingestLinesPerSecond: number;
  batches: number;
  windows: number;
  watchSeconds: number;
  watchLinesPerSecond: number;
  loadBefore: string;
  loadAfter: string;
}

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const ROUTES: [RegExp, string, Handler][] = [
  [/^\/api\/runs$/, "GET", runsRoute],
  [/^\/api\/runs$/, "POST", startRunRoute],
  [/^\/api\/streams$/, "POST", createStreamRoute],
  [/^\/api\/streams\/(\d+)$/, "GET", streamRoute],
  [/^\/api\/streams\/(\d+)\/lines$/, "POST", linesRoute],
];

/** The five routes the bench calls, in this process behind node:http (what Next would route to them). */
async function inProcessServer(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const found = ROUTES.find(([path, method]) => method === req.method && path.test(url.pathname));
    if (!found) return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = req.method === "GET" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
    const request = new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit);
    const id = found[0].exec(url.pathname)?.[1] ?? "";
    void found[2](request, { params: Promise.resolve({ id }) }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return server;
}

async function api<T>(base: string, token: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** An account and its API token, made with `npm run users` in the store of `env`. */
async function accountToken(env: NodeJS.ProcessEnv): Promise<string> {
  const users = (args: string[], input?: string) =>
    new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "dist/users.cjs", ...args], { env, stdio: ["pipe", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`npm run users -- ${args.join(" ")} exited with ${code}`))));
      child.stdin.end(input ?? "");
    });
  await users(["add", "bench"], "a bench password, long enough\n");
  return (await users(["token", "bench"])).trim().split("\n").pop() ?? "";
}

/** Batches of whole lines, each ending with its line break, cut (and copied) before anything is timed. */
function batchesOf(text: Buffer, size: number): Uint8Array<ArrayBuffer>[] {
  const out: Uint8Array<ArrayBuffer>[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    for (let i = 0; i < size && end !== -1 && end < text.length; i++) end = text.indexOf(10, end) + 1 || -1;
    const stop = end === -1 ? text.length : end;
    out.push(new Uint8Array(text.subarray(start, stop)));
    start = stop;
  }
  return out;
}

export async function benchLive(generated: GeneratedLog, lines: number): Promise<LiveTiming> {
  const dir = await mkdtemp(join(tmpdir(), "logscope-bench-live-"));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: join(dir, "data"), MODELS_DIR: join(dir, "models"), DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(port), LOGSCOPE_STREAMS: "on" };
  const useNext = process.env.BENCH_LIVE_SERVER === "next";
  if (useNext && !existsSync(".next/BUILD_ID")) throw new Error('BENCH_LIVE_SERVER=next needs a production build: run "npm run build" first.');
  const saved = { ...process.env };
  let child: ChildProcess | undefined;
  let server: Server | undefined;
  try {
    const token = await accountToken(env);
    const base = `http://127.0.0.1:${port}`;
    if (useNext) {
      // npm start: migrates the store, seeds the example run and trains it with its job runner.
      child = spawn(process.execPath, ["--conditions=react-server", "dist/start.cjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
    } else {
      Object.assign(process.env, env);
      await closeDb();
      forgetEnsuredDatabase();
      await seedExampleRun();
      await startJobRunner({ pollMs: 100 }).ready;
      server = await inProcessServer(port);
    }
    type Listed = { runs: { id: number; status: string; logFile: { id: number } }[] };
    const succeeded = async (what: string, pick: (runs: Listed["runs"]) => Listed["runs"][number] | undefined) => {
      for (let waited = 0; ; waited += 250) {
        if (child?.exitCode != null || waited > 180_000) throw new Error(`the server did not train ${what} within 3 minutes`);
        const listed = await api<Listed>(base, token, "/api/runs").catch((): Listed => ({ runs: [] }));
        const run = pick(listed.runs);
        if (run !== undefined && run.status === "succeeded") return run;
        await sleep(250);
      }
    };
    // The example run trains with the default profile, whose models a stream cannot score (extended
    // features, feature tails): the stream is scored by a seed-profile run of the same log, as the
    // refusal tells an analyst to train.
    const example = await succeeded("the example run", (runs) => runs[0]);
    const seedRun = await api<{ id: number }>(base, token, "/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ logFileId: example.logFile.id, year: 2005, profile: "seed" }),
    });
    const modelRunId = (await succeeded("the seed-profile run", (runs) => runs.find((r) => r.id === seedRun.id))).id;
    const created = await api<{ stream: { id: number } }>(base, token, "/api/streams", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", modelRunId, source: "http", year: generated.year }),
    });
    const text = await readFile(generated.log);
    const batches = batchesOf(text, BATCH_LINES);
    const loadBefore = load();
    const started = performance.now();
    let seq = 0;
    for (const batch of batches) {
      await api(base, token, `/api/streams/${created.stream.id}/lines`, { method: "POST", headers: { "content-type": "text/plain", "logscope-seq": String(++seq) }, body: batch });
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    const view = await api<{ lines: number; windows: number }>(base, token, `/api/streams/${created.stream.id}`);
    if (view.lines !== lines) throw new Error(`the stream stored ${view.lines} lines of ${lines}`);

    // The same lines through `npm run watch -` with the model the stream used (the seed-profile run's directory).
    const modelDir = join(env.MODELS_DIR, (await readdir(env.MODELS_DIR)).find((name) => name.startsWith(`run-${modelRunId}-`)) ?? "");
    const watchStarted = performance.now();
    await new Promise<void>((done, fail) => {
      const watch = spawn(process.execPath, ["dist/watch.cjs", "-", "--model", modelDir, "--out", join(dir, "watch.csv"), "--year", String(generated.year)], { stdio: ["pipe", "ignore", "inherit"] });
      watch.on("exit", (code) => (code === 0 ? done() : fail(new Error(`npm run watch exited with ${code}`))));
      watch.stdin.end(text);
    });
    const watchSeconds = (performance.now() - watchStarted) / 1000;
    return {
      lines,
      server: useNext ? "next start" : "route handlers in process",
      ingestSeconds,
      ingestLinesPerSecond: lines / ingestSeconds,
      batches: batches.length,
      windows: view.windows,
      watchSeconds,
      watchLinesPerSecond: lines / watchSeconds,
      loadBefore,
      loadAfter: load(),
    };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once("exit", done));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    if (server) {
      server.closeAllConnections();
      await new Promise((done) => server?.close(done));
      await closeLiveStreams();
      await stopJobRunner();
      await closeDb();
      forgetEnsuredDatabase();
      for (const name of Object.keys(env)) if (saved[name] === undefined) delete process.env[name];
      Object.assign(process.env, saved);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

/** The rows as bench/run.ts prints them. */
export function liveSection(row: LiveTiming): string[] {
  const rate = (value: number) => Math.round(value).toLocaleString("en");
  return [
    `\n== Live streams (issue #17): ${row.lines.toLocaleString("en")} generated lines, a seed-profile run of the example Linux_2k log as the model`,
    `  POST /api/streams/:id/lines, bearer token, ${row.batches} batches of ${BATCH_LINES.toLocaleString("en")} with Logscope-Seq, ${row.server} on loopback: ${rate(row.ingestLinesPerSecond)} lines/s (${fmt(row.ingestSeconds)}, ${row.windows} windows stored)  [target ${rate(LIVE_INGEST_LINES_PER_SECOND)}: ${verdict(row.ingestLinesPerSecond, LIVE_INGEST_LINES_PER_SECOND, true)}]`,
    `  npm run watch on standard input (dist/watch.cjs, process start to exit): ${rate(row.watchLinesPerSecond)} lines/s (${fmt(row.watchSeconds)})`,
    `  load average ${row.loadBefore} before, ${row.loadAfter} after`,
  ];
}

if (process.argv[1]?.endsWith("bench-live.ts")) {
  const lines = Number(process.env.BENCH_LIVE_LINES ?? 200_000);
  ensureGeneratedLog(lines, 11)
    .then((generated) => benchLive(generated, lines))
    .then((row) => {
      for (const text of liveSection(row)) process.stdout.write(`${text}\n`);
      process.exit(0);
    }, (error: unknown) => {
      process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
