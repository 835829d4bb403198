// tsx scripts/with-test-services.ts <command...>: runs the command with a private PostgreSQL cluster
// and a private redis-server on free loopback ports, exported as LOGSCOPE_TEST_POSTGRES_URL (an
// admin URL: tests create their own databases in it) and LOGSCOPE_TEST_REDIS_URL. Both are stopped
// and their files removed whatever happens (also on SIGINT/SIGTERM); exits with the command's code.
// A variable already set is used as it is, and that service is not started. Nothing here touches a
// system cluster: the data lives in a temporary folder, trust authentication on 127.0.0.1 only,
// fsync off (a crash loses nothing the tests need).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@/lib/ops/free-port";

const PG_INSTALL = "install Debian's postgresql package (apt-get install -y postgresql), or set LOGSCOPE_TEST_POSTGRES_URL to a server of your own";
const REDIS_INSTALL = "install Debian's redis-server package (apt-get install -y redis-server), or set LOGSCOPE_TEST_REDIS_URL to a server of your own";

class Refusal extends Error {}


/** PostgreSQL's server programs: Debian keeps them in /usr/lib/postgresql/<version>/bin, off the PATH. */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, "bin")).find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")));
  if (found) return found;
  const config = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = config.status === 0 ? config.stdout.trim() : "";
  if (dir && existsSync(join(dir, "initdb"))) return dir;
  throw new Refusal(`PostgreSQL's server programs (initdb, postgres) are not installed: ${PG_INSTALL}.`);
}

/** As root, PostgreSQL runs as the `postgres` user (initdb refuses root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  if (!Number.isInteger(uid) || uid <= 0) throw new Refusal(`PostgreSQL refuses to run as root and there is no postgres user: ${PG_INSTALL}.`);
  return { uid, gid: id("-g") };
}

/** Resolves once something accepts connections on the port (the server is up), or rejects after `ms`. */
async function waitForPort(port: number, child: ChildProcess, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until PostgreSQL answers queries (it accepts connections a moment before it can serve them). */
async function waitForPostgres(url: string, ms = 30_000): Promise<void> {
  const { Client } = await import("pg");
  const deadline = Date.now() + ms;
  for (;;) {
    const client = new Client({ connectionString: url });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

interface Service {
  child: ChildProcess;
  /** The signal that makes it stop quickly and cleanly. */
  stopSignal: NodeJS.Signals;
}

async function startPostgres(base: string): Promise<{ url: string; service: Service }> {
  const bin = postgresBin();
  const owner = postgresUser();
  const dir = join(base, "postgresql");
  mkdirSync(dir, { mode: 0o700 });
  if (owner) {
    chmodSync(base, 0o711); // the postgres user passes through root's temporary folder, reads nothing else in it
    chownSync(dir, owner.uid, owner.gid);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const data = join(dir, "data");
  const init = spawnSync(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C", "--no-sync"], {
    ...asOwner,
    cwd: dir,
    encoding: "utf8",
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.trim() || init.stdout.trim()}`);
  const port = await freePort();
  const settings = { listen_addresses: "127.0.0.1", unix_socket_directories: dir, fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200" };
  const args = ["-D", data, "-p", String(port), ...Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`])];
  const child = spawn(join(bin, "postgres"), args, { ...asOwner, cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const service = { child, stopSignal: "SIGINT" as const }; // SIGINT: PostgreSQL's fast shutdown
  try {
    await waitForPort(port, child, "PostgreSQL");
    await waitForPostgres(url);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`);
  }
  return { url, service };
}

function redisBin(): string {
  const dirs = (process.env.PATH ?? "").split(":").filter((dir) => dir !== "");
  const found = dirs.map((dir) => join(dir, "redis-server")).find((file) => existsSync(file));
  if (!found) throw new Refusal(`redis-server is not installed: ${REDIS_INSTALL}.`);
  return found;
}

async function startRedis(base: string): Promise<{ url: string; service: Service }> {
  const bin = redisBin();
  const dir = join(base, "redis");
  mkdirSync(dir);
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  try {
    await waitForPort(port, child, "redis-server");
  } catch (error) {
    // Not yet among the services stopped at exit: stop it here.
    child.kill("SIGKILL");
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, service: { child, stopSignal: "SIGTERM" } };
}

async function stopService({ child, stopSignal }: Service): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(stopSignal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const command = process.argv.slice(2);
  if (command.length === 0) throw new Refusal("usage: tsx scripts/with-test-services.ts <command> [args...]");
  const services: Service[] = [];
  const base = mkdtempSync(join(tmpdir(), "logscope-services-"));
  let running: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= Promise.all(services.map(stopService)).then(() => rmSync(base, { recursive: true, force: true })));
  const onSignal = (signal: NodeJS.Signals) => {
    // The command gets the signal first (as from a terminal), then the services go.
    running?.kill(signal);
    void stopAll().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const env = { ...process.env };
    if (!env.LOGSCOPE_TEST_POSTGRES_URL) {
      const postgres = await startPostgres(base);
      services.push(postgres.service);
      env.LOGSCOPE_TEST_POSTGRES_URL = postgres.url;
    }
    if (!env.LOGSCOPE_TEST_REDIS_URL) {
      const redis = await startRedis(base);
      services.push(redis.service);
      env.LOGSCOPE_TEST_REDIS_URL = redis.url;
    }
    process.stderr.write(`Test services: PostgreSQL ${env.LOGSCOPE_TEST_POSTGRES_URL}, Redis ${env.LOGSCOPE_TEST_REDIS_URL}\n`);
    const [program = "", ...args] = command;
    const child = spawn(program, args, { stdio: "inherit", env });
    running = child;
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
    });
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Refusal ? "Error: " : "Could not start the test services: "}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof Refusal ? 2 : 1);
  },
);
