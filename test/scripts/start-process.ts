import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../browser/browser-env";

/**
 * `npm start` (dist/start.cjs, built by `npm run build:node`) as a real process against given
 * folders. Each runs in its own process group, so a test can kill it with its `next start` as
 * kill -9 on a server's group would, and so a start that should have refused but serves instead
 * is ended when the test gives up on it.
 */

export interface StartedServer {
  child: ChildProcess;
  /** start.ts's pid: the one the lock and the refusal name. */
  pid: number;
  /** What it printed so far. */
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole group (start.ts and its next start) with this signal. */
  killGroup: (signal: NodeJS.Signals) => void;
}

/** The environment of a server on `dataDir`: its own MODELS_DIR, a free port, and a queue it polls once an hour. */
export async function serverEnv(dataDir: string, databaseUrl: string, modelsDir: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    MODELS_DIR: modelsDir,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    // The runner polls at its start and when woken in its own process: the tests' jobs stay put.
    LOGSCOPE_JOB_POLL_MS: "3600000",
    LOGSCOPE_JOB_RUNNER: "on",
  };
}

export function spawnStart(env: NodeJS.ProcessEnv): StartedServer {
  const child = spawn(process.execPath, ["--conditions=react-server", "dist/start.cjs"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid;
  if (pid === undefined) throw new Error("dist/start.cjs did not start");
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group has exited already.
    }
  };
  return { child, pid, output: () => ({ stdout, stderr }), exited, killGroup };
}

export interface StartOutcome {
  /** Null when it was still running after `timeoutMs` (it served instead of refusing) and was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs npm start expecting it to refuse: resolves with its exit code and output. */
export async function runStart(env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<StartOutcome> {
  const server = spawnStart(env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    server.killGroup("SIGKILL");
  }, timeoutMs);
  const { code } = await server.exited;
  clearTimeout(timer);
  return { code: timedOut ? null : code, ...server.output() };
}
