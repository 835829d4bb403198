import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { inspectCommand } from "@/lib/cli/inspect-command";
import { templatesCommand } from "@/lib/cli/templates-command";

/** detect, inspect and templates read a gzip log (as logrotate leaves them) as the text it holds. */

const LOG = resolve("logs/Linux_2k.log");
let dir = "";
let gz = "";

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-cli-gzip-"));
  gz = join(dir, "Linux_2k.log.gz");
  await writeFile(gz, gzipSync(await readFile(LOG)));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("detect on a gzip log writes the same CSV as on the plain log, and both models name the text's SHA-256", async () => {
  const common = ["--year", "2005", "--epochs", "2", "--models-dir", join(dir, "models")];
  await detectCommand([LOG, ...common, "--out", join(dir, "plain.csv")], bufferIo());
  await detectCommand([gz, ...common, "--out", join(dir, "gzip.csv")], bufferIo());
  assert.equal(await readFile(join(dir, "gzip.csv"), "utf8"), await readFile(join(dir, "plain.csv"), "utf8"));
  // The plain log is hashed on a thread beside training, the gzip one's text while it is decompressed.
  const text = createHash("sha256").update(await readFile(LOG)).digest("hex");
  const runs = await readdir(join(dir, "models"));
  assert.equal(runs.length, 2);
  for (const run of runs) {
    const meta = JSON.parse(await readFile(join(dir, "models", run, "meta.json"), "utf8")) as { input: { sha256: string } };
    assert.equal(meta.input.sha256, text, run);
  }
});

test("inspect and templates read a gzip log as the plain one", async () => {
  const plainInspect = bufferIo();
  const gzipInspect = bufferIo();
  await inspectCommand([LOG, "--year", "2005", "--json"], plainInspect);
  await inspectCommand([gz, "--year", "2005", "--json"], gzipInspect);
  const strip = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), file: "" });
  assert.deepEqual(strip(gzipInspect.text()), strip(plainInspect.text()));
  await templatesCommand([LOG, "--out", join(dir, "plain-templates.csv")], bufferIo());
  await templatesCommand([gz, "--out", join(dir, "gzip-templates.csv")], bufferIo());
  assert.equal(await readFile(join(dir, "gzip-templates.csv"), "utf8"), await readFile(join(dir, "plain-templates.csv"), "utf8"));
});

test("a truncated gzip log is refused in one sentence, and nothing is written", async () => {
  const packed = await readFile(gz);
  const cut = join(dir, "cut.log.gz");
  await writeFile(cut, packed.subarray(0, Math.floor(packed.length / 2)));
  await assert.rejects(
    detectCommand([cut, "--year", "2005", "--out", join(dir, "cut.csv"), "--models-dir", join(dir, "cut-models")], bufferIo()),
    /^UserInputError: cut\.log\.gz is not a complete gzip file \(it ends before its compressed data does\): /,
  );
  await assert.rejects(readFile(join(dir, "cut.csv")));
});
