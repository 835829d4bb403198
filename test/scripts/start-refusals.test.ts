import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataDirCheck, findUnwritableDir, workDirChecks } from "@/lib/ops/writable-dirs";
import { unwritableFolder } from "../cli/unwritable-folder";
import { runStart, serverEnv } from "./start-process";

// npm start (dist/start.cjs: run `npm run -s build:node` first) refusing folders it cannot write
// in. Tests may run as root, whom permissions do not stop: the folders here sit where a regular
// file is, which no one can create a file in, so a refusal never passes because nothing needed it.
const root = mkdtempSync(join(tmpdir(), "logscope-start-refusals-"));
after(() => rmSync(root, { recursive: true, force: true }));

function regularFile(name: string): string {
  const file = join(root, name);
  writeFileSync(file, "not a folder\n");
  return file;
}

const startOn = async (dataDir: string, modelsDir: string) => runStart(await serverEnv(dataDir, `file:${join(dataDir, "logscope.db")}`, modelsDir));

test("npm start refuses a MODELS_DIR that is a regular file in one sentence naming it, and leaves no database and no lock", async () => {
  const models = regularFile("models-file");
  const dataDir = join(root, "data-1");
  const outcome = await startOn(dataDir, models);
  assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
  assert.equal(outcome.stderr, `Error: Cannot write the models to ${models}: ${models} is a file, not a directory; choose another MODELS_DIR.\n`);
  assert.equal(outcome.stdout, "");
  assert.deepEqual(readdirSync(dataDir), ["uploads"], "the lock was released at exit and no database made");
});

test("npm start refuses a DATA_DIR inside a regular file in one sentence naming that file", async () => {
  const file = regularFile("data-file");
  const dataDir = join(file, "data");
  const outcome = await startOn(dataDir, join(root, "models-2"));
  assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
  assert.equal(outcome.stderr, `Error: Cannot write Logscope's data to ${dataDir}: ${file} is a file, not a directory; choose another DATA_DIR.\n`);
  assert.equal(existsSync(join(root, "models-2")), false, "nothing else was created");
});

test("npm start refuses a DATA_DIR whose uploads folder is a regular file, naming it", async () => {
  const dataDir = join(root, "data-3");
  mkdirSync(dataDir);
  const uploads = join(dataDir, "uploads");
  writeFileSync(uploads, "not a folder\n");
  const outcome = await startOn(dataDir, join(root, "models-3"));
  assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
  assert.equal(outcome.stderr, `Error: Cannot write the uploads to ${uploads}: ${uploads} is a file, not a directory; choose another DATA_DIR.\n`);
  assert.deepEqual(readdirSync(dataDir), ["uploads"], "the lock was released at exit and no database made");
});

test("a folder no file can be created in is refused in the CLI's words, with the variable to change instead of an option", async () => {
  const parent = join(root, "models-4");
  mkdirSync(parent);
  const place = await unwritableFolder(parent);
  const sentence = await findUnwritableDir(workDirChecks({ dataDir: join(root, "data-4"), modelsDir: place.folder }));
  assert.match(sentence ?? "", new RegExp(`^Cannot write the models to ${place.folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${place.reason("MODELS_DIR")}`));
  assert.equal(await findUnwritableDir([dataDirCheck({ dataDir: join(root, "data-4") })]), null, "a writable DATA_DIR passes");
});
