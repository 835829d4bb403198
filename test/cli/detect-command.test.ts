import type { ModelMeta } from "@/lib/pipeline/detector-models";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { predictCommand } from "@/lib/cli/predict-command";
import { UserInputError } from "@/lib/domain/user-input-error";
import { fixturePath } from "../fixtures/fixture-path";

const LOG = resolve("logs/Linux_2k.log");
const SPEC_HEADER =
  "window_start,window_end,event_count,unique_messages,distinct_hosts,distinct_processes,avg_msg_length," +
  "failed_auth_count,invalid_user_count,entropy_tokens,isolation_forest_label,dbscan_label,autoencoder_label,ensemble_anomaly";

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

const columns = (csv: string, from: number, to: number) =>
  csv.trim().split("\n").slice(1).map((line) => line.split(",").slice(from, to).join(","));

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path] = (await readFile(path)).toString("base64");
    }
  }
  return files;
}

describe("detect and predict on the bundled Linux_2k example", () => {
  let dir = "";
  let csv = "";
  let modelDir = "";
  let output = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-cli-"));
    const io = bufferIo();
    // The pipeline contract's profile: the header, feature names and epochs below are the contract's.
    await detectCommand([LOG, "--profile", "seed", "--year", "2005", "--out", join(dir, "out.csv"), "--models-dir", join(dir, "models")], io);
    output = io.text();
    csv = await readFile(join(dir, "out.csv"), "utf8");
    const runs = await readdir(join(dir, "models"));
    assert.equal(runs.length, 1);
    modelDir = join(dir, "models", runs[0] as string);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("the CSV starts with exactly the docs/pipeline.md §6 header and has one row per window", async () => {
    const [header, ...rows] = csv.trim().split("\n");
    assert.ok(header?.startsWith(`${SPEC_HEADER},`), header);
    const golden = await readFile(fixturePath("golden", "linux_2k.features.csv"), "utf8");
    assert.equal(rows.length, golden.trim().split("\n").length - 1);
    assert.deepEqual(columns(csv, 0, 2), columns(golden, 0, 2));
  });

  test("the summary reports lines, windows, anomalies per model and seconds per stage", () => {
    assert.match(output, /Epoch 1\/20, Loss: \d/);
    assert.match(output, /Epoch 20\/20, Loss: \d/);
    assert.match(output, /Lines: 2000 \(parsed 2000, unparsed 0\)/);
    assert.match(output, /Windows: 235 of 60 s/);
    assert.match(output, /Anomalies: isolation forest \d+, dbscan \d+, autoencoder \d+, ensemble \d+/);
    assert.match(output, /Seconds: parse [\d.]+, scale [\d.]+, isolation forest [\d.]+, dbscan [\d.]+, autoencoder [\d.]+, save [\d.]+/);
  });

  test("the model directory holds every model and a meta.json naming the input and its SHA-256", async () => {
    const files = (await readdir(modelDir, { recursive: true })).sort();
    for (const file of ["meta.json", "scaler.json", "isolation-forest.json", "dbscan.json", "autoencoder/model.json", "autoencoder/weights.bin"]) {
      assert.ok(files.includes(file), `${file} missing from ${files.join(", ")}`);
    }
    const meta = JSON.parse(await readFile(join(modelDir, "meta.json"), "utf8")) as ModelMeta;
    assert.equal(meta.input.fileName, "Linux_2k.log");
    const { createHash } = await import("node:crypto");
    assert.equal(meta.input.sha256, createHash("sha256").update(await readFile(LOG)).digest("hex"));
    assert.equal(meta.params.window, 60);
    assert.equal(meta.params.year, 2005);
    assert.deepEqual(meta.featureNames, SPEC_HEADER.split(",").slice(2, 10));
  });

  test("predict with the freshly saved model reproduces the training run's labels and scores", async () => {
    const predicted = join(dir, "predicted.csv");
    await predictCommand([LOG, "--model", modelDir, "--year", "2005", "--out", predicted], bufferIo());
    assert.equal(await readFile(predicted, "utf8"), csv);
  });

  test("bad input is refused with one sentence and leaves earlier results and models untouched", async () => {
    const out = join(dir, "out.csv");
    const before = { csv: await readFile(out, "utf8"), models: await snapshot(join(dir, "models")) };
    const empty = join(dir, "empty.log");
    const binary = join(dir, "binary.log");
    const junk = join(dir, "junk.log");
    await writeFile(empty, "");
    await writeFile(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
    await writeFile(junk, "this is not syslog\nneither is this\n");
    const common = ["--year", "2005", "--out", out, "--models-dir", join(dir, "models")];
    const cases: [string[], RegExp][] = [
      [[join(dir, "missing.log"), ...common], /^No file at .*missing\.log: check the path/],
      [[dir, ...common], /is a directory: give the path of a log file/],
      [[empty, ...common], /empty\.log is empty/],
      [[binary, ...common], /looks like a binary file/],
      [[junk, ...common], /^Could not recognise the log's format: .* name the format with --format/],
      [[junk, ...common, "--format", "syslog"], /^No line of junk\.log is a syslog record \(expected lines like "Jun 14 15:16:01 host sshd\[123\]: message"; the first line was "this is not syslog"\): check the file, or name its format with --format/],
      [[LOG, ...common, "--eps", "-1"], /^Option --eps: eps must be greater than 0\.$/],
      [[LOG, ...common, "--votes", "4"], /^Option --votes: votes must be 1, 2 or 3\.$/],
      [[LOG, ...common, "--contamination", "lots"], /^Option --contamination: contamination must be a fraction/],
      [[LOG, ...common, "--window", "0"], /^Option --window: window must be at least 1 second\.$/],
      [[LOG, ...common, "--colour", "red"], /^Unknown option '--colour'\. Usage: npm run detect/],
      [[LOG, "--year", "2005", "--out", dir], /is a directory: give a file name/],
    ];
    for (const [argv, expected] of cases) {
      await assert.rejects(detectCommand(argv, bufferIo()), (error: unknown) => {
        assert.ok(error instanceof UserInputError, `${argv.join(" ")} threw ${String(error)}`);
        assert.match(error.message, expected);
        return true;
      });
    }
    await assert.rejects(predictCommand([LOG, "--model", join(dir, "nope"), "--year", "2005", "--out", out], bufferIo()), /meta\.json is missing/);
    assert.equal(await readFile(out, "utf8"), before.csv);
    assert.deepEqual(await snapshot(join(dir, "models")), before.models);
  });
});

// The compiled CLI (npm run build:node), as `npm run detect` runs it.
test("the detect script exits with code 2 and one line on stderr, without a stack trace", async () => {
  const run = promisify(execFile);
  await assert.rejects(run(process.execPath, ["dist/detect.cjs", "no-such-file.log"]), (error: unknown) => {
    const failure = error as { code: number; stderr: string };
    assert.equal(failure.code, 2);
    assert.equal(failure.stderr.trim().split("\n").length, 1, failure.stderr);
    assert.match(failure.stderr, /^Error: No file at no-such-file\.log: check the path and try again\.\n$/);
    return true;
  });
});

test("detect warns in its summary when a detector flags more than a fifth of the windows", async () => {
  const dir = await mkdtemp(join(tmpdir(), "logscope-cli-share-"));
  try {
    const io = bufferIo();
    // eps 0.01: nearly every window is DBSCAN noise.
    await detectCommand([LOG, "--year", "2005", "--eps", "0.01", "--epochs", "2", "--out", join(dir, "out.csv"), "--models-dir", join(dir, "models")], io);
    assert.match(io.text(), /\nWarning: DBSCAN flags \d+% of the windows \(\d+ of 235\), more than the 20% an anomaly detector should: raise eps/);
    assert.doesNotMatch(io.text(), /Warning: Isolation Forest/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
