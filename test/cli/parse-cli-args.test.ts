import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { generateCommand } from "@/lib/cli/generate-command";
import { flagOf, parseCliArgs, toCamel, toKebab } from "@/lib/cli/parse-cli-args";
import { predictCommand } from "@/lib/cli/predict-command";
import { UserInputError } from "@/lib/domain/user-input-error";
import { DETECT_PARAM_KEYS } from "@/lib/pipeline/params";

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

const refusal = (expected: RegExp) => (error: unknown) => {
  assert.ok(error instanceof UserInputError, String(error));
  assert.match(error.message, expected);
  return true;
};

test("a parameter's flag is its schema name in kebab case, and the flag's value comes back under that name", () => {
  assert.deepEqual(DETECT_PARAM_KEYS.map(toKebab).filter((f) => f.includes("-")), ["min-samples", "ae-percentile", "time-format"]);
  for (const key of DETECT_PARAM_KEYS) assert.equal(toCamel(toKebab(key)), key);
  const args = parseCliArgs(["log", "--min-samples", "7", "--ae-percentile", "-1"], { usage: "u", valueOptions: ["min-samples", "ae-percentile"], positionals: 1 });
  assert.deepEqual(args.values, { minSamples: "7", aePercentile: "-1" });
});

test("detect's usage line offers a flag for every training parameter", async () => {
  await assert.rejects(detectCommand(["x.log", "--colour", "red"], bufferIo()), (error: unknown) => {
    assert.ok(error instanceof Error);
    for (const key of DETECT_PARAM_KEYS) assert.ok(error.message.includes(`[--${flagOf(key)} `), `${key} in ${error.message}`);
    return true;
  });
});

test("a refused parameter is named by its flag, with the schema's own sentence", async () => {
  await assert.rejects(detectCommand(["x.log", "--min-samples", "0"], bufferIo()), refusal(/^Option --min-samples: min samples must be at least 1\.$/));
  await assert.rejects(detectCommand(["x.log", "--ae-percentile", "100"], bufferIo()), refusal(/^Option --ae-percentile: autoencoder percentile must be/));
  await assert.rejects(predictCommand(["x.log", "--model", "m", "--year", "1800"], bufferIo()), refusal(/^Option --year: year must be 1970 or later\.$/));
  await assert.rejects(predictCommand(["x.log", "--model", "m", "--epochs", "3"], bufferIo()), refusal(/^Unknown option '--epochs'\. Usage: npm run predict/));
});

test("list parameters take one item per singular flag, repeated, and come back as a list under the schema's name", () => {
  assert.deepEqual([flagOf("fields"), flagOf("masks"), flagOf("timeFormat")], ["field", "mask", "time-format"]);
  const spec = { usage: "u", valueOptions: ["field", "mask", "tz"], multipleOptions: ["field", "mask"], positionals: 1 };
  const args = parseCliArgs(["log", "--mask", "a=X", "--field", "time=ts", "--mask", "-1", "--tz", "UTC"], spec);
  assert.deepEqual(args.values, { masks: ["a=X", "-1"], fields: ["time=ts"], tz: "UTC" });
});

test("a command may word its argument errors itself", () => {
  const spec = { usage: "u", valueOptions: ["out"], positionals: 0, describe: (p: { kind: string; option?: string }) => `${p.kind} ${p.option ?? ""}` };
  assert.throws(() => parseCliArgs(["--bogus"], spec), /^UserInputError: unknown-option --bogus$/);
  assert.throws(() => parseCliArgs(["--out"], spec), /^UserInputError: missing-value --out$/);
  assert.throws(() => parseCliArgs(["stray"], spec), /^UserInputError: extra-positional $/);
});

test("generate runs in process through the command io and refuses bad options before writing", async () => {
  const dir = await mkdtemp(join(tmpdir(), "logscope-generate-cmd-"));
  try {
    const io = bufferIo();
    await generateCommand(["--lines", "2_000", "--out", join(dir, "a.log"), "--seed", "-3"], io);
    assert.match(io.text(), /^Wrote 2000 lines to .*a\.log in [\d.]+ s \(hosts 8, seed -3\)\.\n/);
    assert.match(io.text(), /Anomalous windows: \d+ of 60 s, listed in .*a\.log\.labels\.csv\.\n$/);
    await assert.rejects(generateCommand(["--out", join(dir, "b.log"), "--lines", "x", "--start", "soon"], bufferIo()), refusal(/^--start must be an ISO date-time/));
    await assert.rejects(generateCommand(["--lines", "x"], bufferIo()), refusal(/^--out FILE is required; see --help\.$/));
    await assert.rejects(generateCommand(["--lines", "10", "--out", join(dir, "c.log"), "--hosts", "0"], bufferIo()), refusal(/^--hosts must be a whole number from 1 to /));
    assert.deepEqual((await readdir(dir)).sort(), ["a.log", "a.log.labels.csv"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
