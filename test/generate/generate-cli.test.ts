import assert from "node:assert/strict";
import { execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

// The compiled CLI (npm run build:node), as `npm run generate` runs it.
const SCRIPT = path.resolve(process.cwd(), "dist/generate.cjs");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], started?: (child: ChildProcess) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SCRIPT, ...args], { cwd: process.cwd() }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
    started?.(child);
  });
}

function freshDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "logscope-generate-"));
}

test("the CLI writes the log and its labels and prints the year to read them with", async () => {
  const dir = freshDir();
  const out = path.join(dir, "fleet.log");
  const { code, stdout, stderr } = await runCli(["--lines", "6000", "--out", out, "--seed", "4", "--start", "2024-02-28T22:00:00Z"]);
  assert.equal(code, 0, stderr);
  const text = fs.readFileSync(out, "utf8");
  assert.equal(text.split("\n").length - 1, 6000);
  assert.ok(text.startsWith("Feb 28 22:00:"));
  const labels = fs.readFileSync(`${out}.labels.csv`, "utf8").trimEnd().split("\n");
  assert.equal(labels[0], "window_start,kind");
  assert.ok(labels.length > 1);
  assert.match(stdout, /Wrote 6000 lines/);
  assert.match(stdout, /--year 2024/);
  assert.match(stdout, /Episodes: \d+/);
  assert.match(stdout, /Anomalous windows: \d+/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["fleet.log", "fleet.log.labels.csv"], "no temporary files are left");
  fs.rmSync(dir, { recursive: true });
});

test("invalid options exit with code 2 and one sentence, without a stack trace or files", async () => {
  const dir = freshDir();
  const out = path.join(dir, "x.log");
  const cases = [
    ["--lines", "abc", "--out", out],
    ["--lines", "100", "--out", out, "--bogus"],
    ["--lines", "100", "--out", out, "--start", "2025-13-01"],
    ["--lines", "1000", "--out", out, "--episodes", "50"],
    ["--lines", "100", "--out", path.join(dir, "missing", "x.log")],
  ];
  const outcomes = await Promise.all(cases.map((args) => runCli(args)));
  outcomes.forEach((outcome, i) => {
    const label = cases[i]?.join(" ");
    assert.equal(outcome.code, 2, label);
    const lines = outcome.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `${label}: one line on stderr`);
    assert.match(lines[0] ?? "", /^generate: .+\.$/, label);
    assert.doesNotMatch(outcome.stderr, /\n\s+at /, `${label}: no stack trace`);
  });
  assert.deepEqual(fs.readdirSync(dir), [], "nothing is written");
  fs.rmSync(dir, { recursive: true });
});

test("a refused run leaves an existing output file as it was", async () => {
  const dir = freshDir();
  const out = path.join(dir, "keep.log");
  fs.writeFileSync(out, "old\n");
  const { code } = await runCli(["--lines", "100000", "--out", out, "--episodes", "20", "--start", "2025-12-31T23:30:00Z"]);
  assert.equal(code, 2);
  assert.equal(fs.readFileSync(out, "utf8"), "old\n");
  assert.deepEqual(fs.readdirSync(dir), ["keep.log"]);
  fs.rmSync(dir, { recursive: true });
});

test("a run interrupted while writing leaves no partial files behind", async () => {
  const dir = freshDir();
  const out = path.join(dir, "big.log");
  let poll: NodeJS.Timeout | undefined;
  const outcome = await runCli(["--lines", "5000000", "--out", out], (child) => {
    // Interrupt once the temporary file has data, i.e. in the middle of writing.
    poll = setInterval(() => {
      const temp = fs.readdirSync(dir).find((name) => name.endsWith(".tmp"));
      if (temp !== undefined && fs.statSync(path.join(dir, temp)).size > 0) {
        clearInterval(poll);
        child.kill("SIGINT");
      }
    }, 20);
  });
  clearInterval(poll);
  assert.notEqual(outcome.code, 0);
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true });
});
