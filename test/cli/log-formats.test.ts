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
import { inferYear } from "@/lib/logs/formats/record-clock";
import { FORMAT_REFUSALS, jsonLog } from "./format-refusals";

const LINUX = resolve("logs/Linux_2k.log");
const run = promisify(execFile);

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: () => undefined, live: false, text: () => chunks.join("") };
}

const modelDirs = async (dir: string) => (await readdir(dir)).map((name) => join(dir, name));
const readMeta = async (modelDir: string) => JSON.parse(await readFile(join(modelDir, "meta.json"), "utf8")) as ModelMeta;

describe("detect and predict read the log's format", () => {
  let dir = "";
  let jsonPath = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-formats-"));
    jsonPath = join(dir, "app.jsonl");
    await writeFile(jsonPath, jsonLog());
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const refusal of FORMAT_REFUSALS) {
    test(`${refusal.name} is refused with the formats code's sentence and writes nothing`, async () => {
      const out = join(dir, `${refusal.name}.csv`);
      const argv = [jsonPath, ...refusal.argv, "--epochs", "1", "--out", out, "--models-dir", join(dir, "refused-models")];
      await assert.rejects(detectCommand(argv, bufferIo()), (error: unknown) => {
        assert.ok(error instanceof UserInputError, String(error));
        assert.match(error.message, refusal.sentence);
        return true;
      });
      await assert.rejects(readFile(out), /ENOENT/);
    });
  }

  // The compiled CLI (npm run build:node), as `npm run detect` runs it: exit 2, one line.
  test("each bad format input makes the detect script exit with code 2 and one sentence on stderr", async () => {
    for (const refusal of FORMAT_REFUSALS) {
      const argv = ["dist/detect.cjs", jsonPath, ...refusal.argv, "--epochs", "1", "--out", join(dir, "x.csv"), "--models-dir", join(dir, "x")];
      await assert.rejects(run(process.execPath, argv), (error: unknown) => {
        const failure = error as { code: number; stderr: string };
        assert.equal(failure.code, 2, refusal.name);
        assert.equal(failure.stderr.split("\n").length, 2, failure.stderr);
        assert.match(failure.stderr.replace(/^Error: /, "").trim(), refusal.sentence);
        return true;
      });
    }
  });

  test("detection is reported with its match rate and the equivalent --format, and the model records the format read", async () => {
    const io = bufferIo();
    const models = join(dir, "json-models");
    const out = join(dir, "json.csv");
    await detectCommand([jsonPath, "--epochs", "2", "--out", out, "--models-dir", models], io);
    assert.match(io.text(), /^Format: json \(detected: 100% of the sampled lines are its records; the same without detection: --format json\)$/m);
    assert.doesNotMatch(io.text(), /Assumed year/, "every record carries its year");
    assert.match(io.text(), /^Lines: 300 \(parsed 300, unparsed 0\)$/m);
    const [modelDir] = await modelDirs(models);
    assert.ok(modelDir);
    const meta = await readMeta(modelDir);
    assert.equal(meta.params.format, "auto");
    assert.deepEqual({ ...meta.logFormat, year: 0 }, { name: "json", year: 0, yearInferred: false });

    // predict reads the new log the model's way, without being told.
    const predicted = join(dir, "predicted.csv");
    const again = bufferIo();
    await predictCommand([jsonPath, "--model", modelDir, "--out", predicted], again);
    assert.match(again.text(), /^Format: json \(the model's: the format its training log was read in\)$/m);
    assert.equal(await readFile(predicted, "utf8"), await readFile(out, "utf8"));
    await assert.rejects(predictCommand([LINUX, "--model", modelDir, "--out", join(dir, "p2.csv")], bufferIo()), /^UserInputError: No line of Linux_2k\.log is a json record \(expected JSON Lines/);
  });

  test("without --year the year of a year-less log is inferred and said; with --year nothing changes", async () => {
    const models = join(dir, "year-models");
    const inferred = bufferIo();
    await detectCommand([LINUX, "--epochs", "1", "--out", join(dir, "inferred.csv"), "--models-dir", models], inferred);
    const expected = inferYear([{ kind: "yearless", month: 5, day: 14, secondsOfDay: 55000 }, { kind: "yearless", month: 6, day: 27, secondsOfDay: 52920 }], new Date());
    assert.match(inferred.text(), new RegExp(`^Assumed year ${expected} \\(no --year given\\)$`, "m"));
    const given = bufferIo();
    await detectCommand([LINUX, "--year", "2005", "--epochs", "1", "--out", join(dir, "given.csv"), "--models-dir", models], given);
    assert.doesNotMatch(given.text(), /Assumed year/);
    const csv = await readFile(join(dir, "given.csv"), "utf8");
    assert.match(csv.split("\n")[1] ?? "", /^2005-06-14T15:16:00Z,/);
    const metas = await Promise.all((await modelDirs(models)).map(readMeta));
    assert.deepEqual(metas.map((m) => m.logFormat?.yearInferred).sort(), [false, true]);
    assert.deepEqual(metas.map((m) => m.logFormat?.year).sort(), [2005, expected].sort());
  });
});
