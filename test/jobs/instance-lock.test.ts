import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  acquireInstanceLock,
  anotherServerSentence,
  INSTANCE_LOCK_FILE,
  parseHolders,
  systemLock,
  type LockHolder,
  type LockOutcome,
  type LockSystem,
} from "@/lib/ops/instance-lock";
import { deadPid, startSleeper, writeLock } from "./lock-holders";

const root = mkdtempSync(join(tmpdir(), "logscope-lock-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `data-${++dirs}`);

/** Processes by pid, alive or not, as the tests decide. */
function fakeSystem(pid: number, alive: Set<number>): LockSystem {
  return { self: { pid, started: "100" }, isAlive: (holder: LockHolder) => alive.has(holder.pid) };
}

function lockOf(outcome: LockOutcome) {
  assert.ok("lock" in outcome, `expected the lock, got ${JSON.stringify(outcome)}`);
  return outcome.lock;
}

test("a second server is refused while the first holds the lock, and is told the first one's pid", async () => {
  const dir = freshDir();
  const alive = new Set([101, 202]);
  const first = lockOf(await acquireInstanceLock(dir, { system: fakeSystem(101, alive) }));
  assert.deepEqual(await acquireInstanceLock(dir, { system: fakeSystem(202, alive) }), { heldBy: { pid: 101, started: "100" } });
  assert.equal(readFileSync(first.file, "utf8"), "101 100\n", "the refused server leaves the lock as it was");
  assert.equal(
    anotherServerSentence(101, dir),
    `Another Logscope server (pid 101) is using ${dir}; stop it, or start this one with another DATA_DIR or with LOGSCOPE_JOB_RUNNER=off.`,
  );
});

test("a lock whose holder died (kill -9) is taken over and then names the new server", async () => {
  const dir = freshDir();
  const alive = new Set([202]);
  lockOf(await acquireInstanceLock(dir, { system: fakeSystem(101, new Set([101])) }));
  const second = lockOf(await acquireInstanceLock(dir, { system: fakeSystem(202, alive) }));
  assert.equal(readFileSync(second.file, "utf8"), "202 100\n");
});

test("a lock naming this process's own pid from an earlier life (a restarted container) is stale", async () => {
  const dir = freshDir();
  writeLock(dir, [303]);
  lockOf(await acquireInstanceLock(dir, { system: fakeSystem(303, new Set([303])) }));
  assert.equal(readFileSync(join(dir, INSTANCE_LOCK_FILE), "utf8"), "303 100\n");
});

test("the server process spawned by npm start shares its parent's lock, and the file goes with the last holder", async () => {
  const dir = freshDir();
  const alive = new Set([101, 102]);
  const parent = lockOf(await acquireInstanceLock(dir, { system: fakeSystem(101, alive) }));
  const child = lockOf(await acquireInstanceLock(dir, { sharedWith: [101], system: fakeSystem(102, alive) }));
  assert.deepEqual(parseHolders(readFileSync(parent.file, "utf8")), [{ pid: 101, started: "100" }, { pid: 102, started: "100" }]);
  // A third server, not spawned by the holder, is still refused, and told the first holder.
  assert.deepEqual(await acquireInstanceLock(dir, { sharedWith: [999], system: fakeSystem(303, alive) }), { heldBy: { pid: 101, started: "100" } });

  // npm start killed with -9: its next start goes on serving and still holds the lock.
  alive.delete(101);
  assert.deepEqual(await acquireInstanceLock(dir, { system: fakeSystem(303, new Set([102, 303])) }), { heldBy: { pid: 102, started: "100" } });
  alive.add(101);
  child.release();
  assert.ok(existsSync(parent.file), "the child leaves the lock to its live parent");
  alive.delete(102);
  parent.release();
  assert.equal(existsSync(parent.file), false, "the last holder removes it");
});

test("releasing leaves alone a lock another server has taken over since", async () => {
  const dir = freshDir();
  const first = lockOf(await acquireInstanceLock(dir, { system: fakeSystem(101, new Set([101])) }));
  writeLock(dir, [202]);
  first.release();
  assert.equal(readFileSync(first.file, "utf8"), "202\n");
});

test("a lock being written (created, its line not there yet) is not taken for stale at once", async () => {
  const dir = freshDir();
  writeLock(dir, []);
  const finish = setTimeout(() => writeFileSync(join(dir, INSTANCE_LOCK_FILE), "101\n"), 30);
  const outcome = await acquireInstanceLock(dir, { system: fakeSystem(202, new Set([101, 202])) });
  clearTimeout(finish);
  assert.deepEqual(outcome, { heldBy: { pid: 101 } });
});

test("on this system a live process counts as a holder, an exited one or one started at another time does not", async (t) => {
  const system = systemLock();
  const sleeper = startSleeper();
  t.after(sleeper.stop);
  assert.equal(system.isAlive({ pid: sleeper.pid }), true);
  assert.equal(system.isAlive({ pid: await deadPid() }), false);
  if (system.self.started === undefined) return t.skip("this system does not tell when a process started");
  assert.equal(system.isAlive(system.self), true);
  assert.equal(system.isAlive({ pid: sleeper.pid, started: "1" }), false, "a reused pid is not the holder");
});

test("a process that took the lock removes it when it exits", async () => {
  const dir = freshDir();
  const script = [
    `const lock = require(${JSON.stringify(join(process.cwd(), "lib/ops/instance-lock.ts"))});`,
    `lock.acquireInstanceLock(${JSON.stringify(dir)}).then((o) => { lock.releaseAtExit(o.lock);`,
    `  console.log(process.pid, require("node:fs").readFileSync(o.lock.file, "utf8")); process.exit(0); });`,
  ].join("\n");
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 0);
  const [pid, held] = out.split(" ");
  assert.equal(held, pid, "while it ran, the lock named it");
  assert.equal(existsSync(join(dir, INSTANCE_LOCK_FILE)), false);
});
