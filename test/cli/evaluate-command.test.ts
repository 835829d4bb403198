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
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MODELS = ["isolationForest", "dbscan", "autoencoder", "ensemble"] as const;
const TABLE_HEADER = "model             flagged  precision  recall     F1  ROC AUC  avg precision  missed";

interface ModelJson {
  flagged: number;
  truePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  missed: number[];
  missedStarts: string[];
  roc: { auc: number; points: { fpr: number; tpr: number; threshold: number | null }[] };
  pr: { averagePrecision: number };
}

interface EvaluationJson {
  windows: number;
  labelled: number;
  labelsFile: string;
  models: Record<(typeof MODELS)[number], ModelJson>;
}

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

/** Window start (ISO) and the four label columns of every row of a results CSV. */
function readResults(csv: string) {
  return csv.trim().split("\n").slice(1).map((line) => {
    const cells = line.split(",");
    return { start: cells[0] as string, labels: cells.slice(10, 14).map(Number) };
  });
}

/** The 60 s window of a Linux_2k line ("Jun 14 15:16:01 ..."), all of it in 2005. */
function windowOfLine(line: string): string {
  const [mon, day, time] = line.split(/\s+/);
  const [h, m] = (time ?? "").split(":").map(Number);
  return new Date(Date.UTC(2005, MONTHS.indexOf(mon ?? ""), Number(day), h, m)).toISOString().slice(0, 19) + "Z";
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = (await readFile(join(entry.parentPath, entry.name))).toString("base64");
  }
  return out;
}

describe("detect and predict with --labels on the bundled Linux_2k example", () => {
  let dir = "";
  let output = "";
  let csv = "";
  let evaluation = {} as EvaluationJson;
  let modelDir = "";
  let logLines: string[] = [];
  // Four windows of the run, and one a year early that matches none and is ignored.
  let labelled: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-eval-"));
    const golden = await readFile(fixturePath("golden", "linux_2k.features.csv"), "utf8");
    const starts = golden.trim().split("\n").slice(1).map((row) => row.split(",")[0] as string);
    labelled = [3, 50, 120, 200].map((i) => starts[i] as string);
    const rows = [...labelled, "2004-06-14T15:16:00Z"].map((start) => `${start},ssh_brute_force`);
    await writeFile(join(dir, "labels.csv"), `window_start,kind\n${rows.join("\n")}\n`);
    logLines = (await readFile(LOG, "utf8")).split("\n").filter((line) => line !== "");

    const io = bufferIo();
    const argv = [LOG, "--year", "2005", "--epochs", "5", "--contamination", "auto", "--labels", join(dir, "labels.csv")];
    await detectCommand([...argv, "--out", join(dir, "out.csv"), "--models-dir", join(dir, "models")], io);
    output = io.text();
    csv = await readFile(join(dir, "out.csv"), "utf8");
    evaluation = JSON.parse(await readFile(join(dir, "evaluation.json"), "utf8")) as EvaluationJson;
    modelDir = join(dir, "models", (await readdir(join(dir, "models")))[0] as string);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("the evaluation table follows the usual summary, one aligned row per model", () => {
    const lines = output.split("\n");
    const at = lines.indexOf("Labels: window starts (5 windows); 4 of 235 windows labelled anomalous");
    assert.ok(at > lines.findIndex((line) => line.startsWith("Seconds: ")), output);
    assert.equal(lines[at + 1], TABLE_HEADER);
    const number = String.raw`\s+(?:[01]\.\d{3}|-)`;
    ["isolation forest", "dbscan", "autoencoder", "ensemble"].forEach((name, i) => {
      const row = lines[at + 2 + i] ?? "";
      assert.match(row, new RegExp(`^${name}\\s+\\d+${number.repeat(5)}\\s+\\d$`));
      assert.equal(row.length, TABLE_HEADER.length, row);
    });
    assert.match(output, /contamination [\d.]+ \((?:auto|chosen with the labels)\)/);
    assert.match(output, new RegExp(`\\nEvaluation: ${join(dir, "evaluation.json")}\\n`));
  });

  test("evaluation.json agrees with the labels of the CSV written beside it", () => {
    const results = readResults(csv);
    assert.equal(evaluation.windows, results.length);
    assert.equal(evaluation.labelled, 4);
    assert.equal(evaluation.labelsFile, join(dir, "labels.csv"));
    MODELS.forEach((key, column) => {
      const model = evaluation.models[key];
      const flagged = results.filter((r) => r.labels[column] === 1);
      const hits = flagged.filter((r) => labelled.includes(r.start)).length;
      const missed = results.flatMap((r, i) => (labelled.includes(r.start) && r.labels[column] !== 1 ? [i] : []));
      assert.equal(model.flagged, flagged.length, key);
      assert.equal(model.truePositives, hits, key);
      assert.equal(model.precision, flagged.length === 0 ? 0 : hits / flagged.length, key);
      assert.equal(model.recall, hits / 4, key);
      assert.deepEqual(model.missed, missed, key);
      assert.deepEqual(model.missedStarts, missed.map((i) => results[i]?.start), key);
      assert.ok(model.roc.auc >= 0 && model.roc.auc <= 1, key);
      assert.ok(model.pr.averagePrecision > 0 && model.pr.averagePrecision <= 1, key);
      assert.deepEqual(model.roc.points[0], { fpr: 0, tpr: 0, threshold: model.roc.points[0]?.threshold });
      // Flagging everything sits at threshold -Infinity, which JSON writes as null.
      assert.deepEqual(model.roc.points.at(-1), { fpr: 1, tpr: 1, threshold: null });
    });
  });

  test("predict with per-line labels labels the windows holding the alert lines", async () => {
    const alertLines = [1, 2, 500, 1999];
    const labels = logLines.map((_, i) => (alertLines.includes(i + 1) ? "ALERT x" : "- x"));
    await writeFile(join(dir, "per-line.txt"), `${labels.join("\n")}\n`);
    const io = bufferIo();
    const out = join(dir, "predicted.csv");
    await predictCommand([LOG, "--model", modelDir, "--year", "2005", "--out", out, "--labels", join(dir, "per-line.txt")], io);
    const expected = [...new Set(alertLines.map((n) => windowOfLine(logLines[n - 1] ?? "")))];
    assert.match(io.text(), new RegExp(`Labels: per-line labels \\(4 alert lines\\); ${expected.length} of 235 windows labelled anomalous\\n${TABLE_HEADER}\\n`));
    const { labelled: count, models } = JSON.parse(await readFile(join(dir, "evaluation.json"), "utf8")) as EvaluationJson;
    assert.equal(count, expected.length);
    // Every labelled window is either flagged by the ensemble (in the CSV) or listed as missed.
    const flagged = readResults(await readFile(out, "utf8")).filter((r) => r.labels[3] === 1 && expected.includes(r.start)).map((r) => r.start);
    assert.deepEqual([...flagged, ...models.ensemble.missedStarts].sort(), [...expected].sort());
    assert.equal(models.ensemble.truePositives, flagged.length);
  });

  test("labels that do not fit the log are refused with one sentence and nothing is written", async () => {
    // One line short of the log: the last line is missing.
    await writeFile(join(dir, "short.txt"), `ALERT x\n${logLines.slice(2).map(() => "- x").join("\n")}\n`);
    await writeFile(join(dir, "last-year.csv"), "window_start,kind\n2004-06-14T15:16:00Z,crash_loop\n");
    const before = await files(dir);
    const out = ["--out", join(dir, "out.csv")];
    const detect = [LOG, "--year", "2005", ...out, "--models-dir", join(dir, "models"), "--labels"];
    const cases: [() => Promise<void>, RegExp][] = [
      [() => detectCommand([...detect, join(dir, "short.txt")], bufferIo()), /^short\.txt has 1,999 lines but the log has 2,000: per-line labels need exactly one line per log line, in the same order\.$/],
      [() => detectCommand([...detect, join(dir, "last-year.csv")], bufferIo()), /^None of the 1 window starts in last-year\.csv \(2004-06-14T15:16:00Z to 2004-06-14T15:16:00Z\) falls in one of the run's 235 windows \(2005-06-14T15:16:00Z to 2005-07-27T14:42:00Z\): check that the labels belong to this log and that --year is the log's year\.$/],
      [() => detectCommand([...detect, LOG], bufferIo()), /^Linux_2k\.log is not a labels file: expected the generator's "window_start,kind" CSV/],
      [() => detectCommand([...detect, join(dir, "nope.csv")], bufferIo()), /^No labels file at .*nope\.csv: check the path given to --labels\.$/],
      [() => predictCommand([LOG, "--model", modelDir, "--year", "2005", ...out, "--labels", join(dir, "last-year.csv")], bufferIo()), /^None of the 1 window starts in last-year\.csv/],
      [() => detectCommand([LOG, "--features", "fancy", ...out], bufferIo()), /^Option --features: /],
    ];
    for (const [run, expected] of cases) {
      await assert.rejects(run(), (error: unknown) => {
        assert.ok(error instanceof UserInputError, String(error));
        assert.match(error.message, expected);
        return true;
      });
    }
    assert.deepEqual(await files(dir), before);
  });

  test("the detect script exits with code 2 and one line on stderr when the labels do not fit", async () => {
    const run = promisify(execFile);
    const before = await files(dir);
    // The compiled CLI (npm run build:node); parsing the log also hashes it on dist/hash-file-worker.cjs.
    const argv = ["dist/detect.cjs", LOG, "--year", "2005", "--labels", join(dir, "short.txt"), "--out", join(dir, "x.csv"), "--models-dir", join(dir, "m")];
    await assert.rejects(run(process.execPath, argv), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      assert.equal(failure.code, 2);
      assert.match(failure.stderr, /Error: short\.txt has 1,999 lines but the log has 2,000: per-line labels need exactly one line per log line, in the same order\.\n$/);
      assert.equal(failure.stderr.split("\n").filter((line) => line.startsWith("Error:")).length, 1);
      return true;
    });
    assert.deepEqual(await files(dir), before);
  });
});
