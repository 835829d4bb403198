import { freePort } from "@/lib/ops/free-port";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Queue } from "bullmq";
import { checkQueue, QUEUE_NAME, queueConnection } from "@/lib/jobs/queue/queue-connection";

/**
 * A Redis for queue tests: LOGSCOPE_TEST_REDIS_URL when set (scripts/with-test-services.ts), else a
 * private redis-server on a free loopback port, stopped by `cleanup`. Each test file passes its own
 * Redis database number, emptied first, so files running at once never share a queue (the DB job
 * ids of their separate databases would collide in one).
 */
export async function openTestRedis(database: number): Promise<{ url: string; cleanup: () => Promise<void> }> {
  let server: ChildProcess | null = null;
  let base = process.env.LOGSCOPE_TEST_REDIS_URL;
  if (!base) {
    const port = await freePort();
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    base = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    while ((await checkQueue(base, 500)) !== null) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await sleep(100);
    }
  }
  const url = `${base.replace(/\/\d*$/, "")}/${database}`;
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection(url) });
  await (await queue.client).flushdb();
  await queue.close();
  return {
    url,
    cleanup: async () => {
      server?.kill("SIGTERM");
    },
  };
}

export { freePort };

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const WORKER_POOL = resolve("dist", "worker-pool.cjs");

/** Fails the test file at once when `npm run build:node` has not been run (npm test runs it first). */
export function requireWorkerBuild(): void {
  for (const bundle of [WORKER_POOL, resolve("dist", "worker-main.cjs")]) {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npm run build:node" first.`);
  }
}

/** One `npm run worker` process (the compiled dist/worker-pool.cjs), its output collected. */
export class WorkerProcess {
  readonly child: ChildProcess;
  output = "";
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--conditions=react-server", WORKER_POOL], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout?.on("data", collect);
    this.child.stderr?.on("data", collect);
    this.exited = new Promise((done) => this.child.on("close", (code) => done(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Job ids this worker took, in order (one "took job N" line per attempt). */
  took(): number[] {
    return [...this.output.matchAll(/took job (\d+) /g)].map((m) => Number(m[1]));
  }

  ready(): Promise<void> {
    return waitUntil("the worker to wait for jobs", () => this.output.includes("waiting for jobs"), 30_000, () => this.output);
  }

  kill9(): void {
    this.child.kill("SIGKILL");
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    await this.exited;
  }
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, state: () => unknown = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state())}`);
    await sleep(50);
  }
}

/** Pids of live `worker-main.cjs <jobId>` processes of this DATA_DIR (the job processes a worker starts). */
export function jobProcesses(jobId: number, dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(join("/proc", entry, "cmdline"), "utf8").split("\0");
      const status = readFileSync(join("/proc", entry, "stat"), "utf8");
      const zombie = / Z /.test(status.slice(status.lastIndexOf(")")));
      const mine = readFileSync(join("/proc", entry, "environ"), "utf8").split("\0").includes(`DATA_DIR=${dataDir}`);
      if (!zombie && mine && argv.some((a) => a.endsWith("worker-main.cjs")) && argv.includes(String(jobId))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
