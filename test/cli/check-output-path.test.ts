import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { access, chmod, copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { predictCommand } from "@/lib/cli/predict-command";
import { templatesCommand } from "@/lib/cli/templates-command";
import { UserInputError } from "@/lib/domain/user-input-error";
import { fixturePath } from "../fixtures/fixture-path";
import { unwritableFolder, type UnwritableFolder } from "./unwritable-folder";

const LOG = resolve("logs/Linux_2k.log");
const run = promisify(execFile);

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A command refused with a sentence matching `expected`, having printed nothing: no parsing, no training started. */
async function assertRefusedAtOnce(command: (argv: string[], io: CommandIo) => Promise<void>, argv: string[], expected: RegExp): Promise<void> {
  const io = bufferIo();
  await assert.rejects(command(argv, io), (error: unknown) => {
    assert.ok(error instanceof UserInputError, `${argv.join(" ")} threw ${String(error)}`);
    assert.match(error.message, expected);
    return true;
  });
  assert.equal(io.text(), "", `${argv.join(" ")} started work before refusing`);
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe("where a command writes is checked before it reads the log", () => {
  let dir = "";
  let victim = "";
  let original = "";
  let modelDir = "";
  let labels = "";
  let unwritable: UnwritableFolder = { folder: "", reason: () => "" };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-outputs-"));
    victim = join(dir, "victim.log");
    await copyFile(LOG, victim);
    original = await readFile(victim, "utf8");
    const golden = await readFile(fixturePath("golden", "linux_2k.features.csv"), "utf8");
    labels = join(dir, "labels.csv");
    await writeFile(labels, `window_start,kind\n${golden.split("\n")[4]?.split(",")[0] ?? ""},ssh_brute_force\n`);
    await detectCommand([LOG, "--year", "2005", "--epochs", "2", "--out", join(dir, "trained.csv"), "--models-dir", join(dir, "models")], bufferIo());
    modelDir = join(dir, "models", (await readdir(join(dir, "models")))[0] as string);
    unwritable = await unwritableFolder(dir);
  });

  after(async () => {
    await chmod(join(dir, "read-only"), 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test("--out naming the log being read is refused by detect, predict and templates however it is spelled, and the log stays as it was", async () => {
    const symlinked = join(dir, "symlinked.log");
    const hardLinked = join(dir, "hard-linked.log");
    await symlink(victim, symlinked);
    await link(victim, hardLinked);
    const spellings = [victim, relative(process.cwd(), victim), `./${relative(process.cwd(), victim)}`, symlinked, hardLinked];
    for (const out of spellings) {
      const expected = new RegExp(`^--out ${escape(out)} is the log being read( \\(${escape(victim)}\\))?: writing there would overwrite it; choose another --out\\.$`);
      await assertRefusedAtOnce(detectCommand, [victim, "--year", "2005", "--out", out, "--models-dir", join(dir, "unused")], expected);
      await assertRefusedAtOnce(predictCommand, [victim, "--model", modelDir, "--year", "2005", "--out", out], expected);
      await assertRefusedAtOnce(templatesCommand, [victim, "--out", out], expected);
    }
    assert.equal(await readFile(victim, "utf8"), original);
    assert.equal(await exists(join(dir, "unused")), false, "no models were saved");
  });

  test("--out naming the labels file, or a labels file where evaluation.json goes, is refused before training", async () => {
    const beside = join(dir, "beside");
    await mkdir(beside);
    const labelsAsEvaluation = join(beside, "evaluation.json");
    await copyFile(labels, labelsAsEvaluation);
    const before = await readFile(labels, "utf8");
    const common = ["--year", "2005"];
    for (const [command, extra] of [[detectCommand, ["--models-dir", join(dir, "unused")]], [predictCommand, ["--model", modelDir]]] as const) {
      await assertRefusedAtOnce(
        command,
        [victim, ...common, ...extra, "--labels", labels, "--out", labels],
        new RegExp(`^--out ${escape(labels)} is the labels file given to --labels: writing there would overwrite it; choose another --out\\.$`),
      );
      await assertRefusedAtOnce(
        command,
        [victim, ...common, ...extra, "--labels", labelsAsEvaluation, "--out", join(beside, "out.csv")],
        new RegExp(
          `^The evaluation written beside --out, ${escape(labelsAsEvaluation)}, is the labels file given to --labels: writing there would overwrite it; choose another --out folder\\.$`,
        ),
      );
    }
    assert.equal(await readFile(labels, "utf8"), before);
    assert.equal(await readFile(labelsAsEvaluation, "utf8"), before);
    assert.deepEqual(await readdir(beside), ["evaluation.json"]);
  });

  test("an --out folder that is missing, a file or not writable is named in one sentence before anything is read", async () => {
    const file = join(dir, "plain-file");
    await writeFile(file, "");
    const missing = join(dir, "missing", "deeper");
    const cases: [string, string][] = [
      [missing, `: the directory ${escape(missing)} does not exist; create it or choose another --out\\.$`],
      [join(file, "sub"), `: ${escape(file)} is a file, not a directory; choose another --out\\.$`],
      [unwritable.folder, unwritable.reason("--out")],
    ];
    for (const [folder, reason] of cases) {
      const out = join(folder, "out.csv");
      const results = new RegExp(`^Cannot write the results to ${escape(out)}${reason}`);
      await assertRefusedAtOnce(detectCommand, [victim, "--year", "2005", "--out", out, "--models-dir", join(dir, "unused")], results);
      await assertRefusedAtOnce(predictCommand, [victim, "--model", modelDir, "--year", "2005", "--out", out], results);
      await assertRefusedAtOnce(templatesCommand, [victim, "--out", out], new RegExp(`^Cannot write the templates to ${escape(out)}${reason}`));
    }
    assert.equal(await exists(join(dir, "unused")), false, "no models were saved");
  });

  test("a --models-dir that cannot be created or written is refused before training", async () => {
    const file = join(dir, "models-file");
    await writeFile(file, "");
    const isFile = `: ${escape(file)} is a file, not a directory; choose another --models-dir\\.$`;
    const cases: [string, string][] = [
      [file, isFile],
      [join(file, "models"), isFile],
      [join(unwritable.folder, "models"), unwritable.reason("--models-dir")],
    ];
    const out = join(dir, "not-written.csv");
    for (const [models, reason] of cases) {
      const expected = new RegExp(`^Cannot write the models to ${escape(models)}${reason}`);
      await assertRefusedAtOnce(detectCommand, [victim, "--year", "2005", "--out", out, "--models-dir", models], expected);
    }
    assert.equal(await exists(out), false);
  });

  // The compiled CLI (npm run build:node), as `npm run detect` and `npm run predict` run it.
  test("the compiled commands exit with code 2 and one line for an output over the log and for a damaged model", async () => {
    await assert.rejects(run(process.execPath, ["dist/detect.cjs", victim, "--year", "2005", "--out", victim]), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      assert.equal(failure.code, 2);
      assert.equal(failure.stderr, `Error: --out ${victim} is the log being read: writing there would overwrite it; choose another --out.\n`);
      return true;
    });
    assert.equal(await readFile(victim, "utf8"), original);

    const damaged = join(dir, "damaged-model");
    await run("cp", ["-r", modelDir, damaged]);
    const weights = join(damaged, "autoencoder", "weights.bin");
    const needed = (await stat(weights)).size;
    await truncate(weights, 1200);
    const out = join(dir, "predicted.csv");
    await assert.rejects(run(process.execPath, ["dist/predict.cjs", victim, "--model", damaged, "--out", out]), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      assert.equal(failure.code, 2);
      assert.equal(
        failure.stderr,
        `Error: The model in ${damaged} is damaged: autoencoder/weights.bin holds 1200 bytes where the autoencoder needs ${needed}; train it again with "npm run detect".\n`,
      );
      return true;
    });
    assert.equal(await exists(out), false);
  });
});
