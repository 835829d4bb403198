import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStart, serverEnv } from "./start-process";

// npm start (dist/start.cjs: run `npm run -s build:node` first) on a HOST other machines can reach,
// with no account to sign in with (issue #13). These start from a fresh DATA_DIR, which has none.
const root = mkdtempSync(join(tmpdir(), "logscope-start-accounts-"));
after(() => rmSync(root, { recursive: true, force: true }));

async function startOn(name: string, host: string) {
  const dataDir = join(root, name);
  const env = { ...(await serverEnv(dataDir, `file:${join(dataDir, "logscope.db")}`, join(root, `${name}-models`))), HOST: host };
  return runStart(env);
}

test("npm start on HOST 0.0.0.0 with no account refuses in one sentence saying how to add one", async () => {
  const outcome = await startOn("data-1", "0.0.0.0");
  assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
  assert.equal(
    outcome.stderr,
    "Error: HOST 0.0.0.0 lets other machines reach Logscope, so it needs an account to sign in with first; add one with: npm run users -- add <name>\n",
  );
  assert.equal(outcome.stdout, "");
});

test("npm start on loopback with no account does not refuse for want of one (it goes on to the build check)", async () => {
  const outcome = await startOn("data-2", "127.0.0.1");
  // Without a production build it stops at the next check; with one it would serve.
  assert.doesNotMatch(outcome.stderr, /account/);
});

test("npm start on HOST 0.0.0.0 does not refuse once an account exists", async () => {
  const dataDir = join(root, "data-3");
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${join(dataDir, "logscope.db")}`;
  const { addUser } = await import("@/lib/server/auth/accounts");
  const { closeDb } = await import("@/lib/db/client");
  await addUser("admin", "a long enough password");
  await closeDb();
  const outcome = await startOn("data-3", "0.0.0.0");
  assert.doesNotMatch(outcome.stderr, /account/);
});
