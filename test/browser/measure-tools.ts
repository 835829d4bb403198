/**
 * Helpers of measure-run-page.ts: the production server on a free port against a DATA_DIR, the
 * largest run in a database, and what the browser reports about long tasks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { freePort } from "./browser-env";

export interface ServerOptions {
  dataDir: string;
  /** Project root with the production build. */
  root: string;
}

/** The succeeded run with the most windows, read straight from the database (no server warm-up). */
export function largestRun(dbFile: string): { id: number; windows: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare(`SELECT "id", "windowCount" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "windowCount" DESC LIMIT 1`).get() as
      | { id: number; windowCount: number }
      | undefined;
    if (!row) throw new Error(`no succeeded run in ${dbFile}`);
    return { id: row.id, windows: row.windowCount };
  } finally {
    db.close();
  }
}

const canConnect = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });

/**
 * `next start` on a free port; resolves once it answers HTTP, asked for the static app icon only,
 * so nothing of the run page, its routes or the database is warmed up before the first view.
 */
export async function startServer(options: ServerOptions): Promise<{ base: string; server: ChildProcess; startedMs: number }> {
  const port = await freePort();
  const dbFile = join(options.dataDir, "logscope.db");
  const t0 = performance.now();
  const server = spawn(process.execPath, [join(options.root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: options.root,
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      MODELS_DIR: join(options.dataDir, "models"),
      DATABASE_URL: `file:${dbFile}`,
      LOGSCOPE_JOB_RUNNER: "off",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  const answers = async () => (await canConnect(port)) && (await fetch(`http://127.0.0.1:${port}/icon.svg`).then((r) => r.ok, () => false));
  while (!(await answers())) {
    if (server.exitCode !== null) throw new Error(`next start exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base: `http://127.0.0.1:${port}`, server, startedMs: performance.now() - t0 };
}

/** Collects long tasks from the document's start; `window.__longTasks` holds [start, duration] pairs. */
export const LONG_TASK_SCRIPT = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask" });
  } catch {}
`;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Longest main-thread task by CPU time, and how many took over 50 ms of CPU, in a Chrome trace. */
export function cpuOfTasks(trace: Buffer): { maxMs: number; over50: number } {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map<string, number[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.name !== "RunTask" || !mains.has(key) || e.tdur === undefined) continue;
    perThread.set(key, [...(perThread.get(key) ?? []), e.tdur / 1000]);
  }
  // The page's renderer is the busiest one.
  const tasks = [...perThread.values()].sort((a, b) => b.reduce((s, v) => s + v, 0) - a.reduce((s, v) => s + v, 0))[0] ?? [];
  return { maxMs: Math.max(0, ...tasks), over50: tasks.filter((t) => t > 50).length };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
