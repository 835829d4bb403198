import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { CommandIo } from "@/lib/cli/command-io";
import { inspectCommand } from "@/lib/cli/inspect-command";
import { templatesCommand } from "@/lib/cli/templates-command";
import { jsonLog } from "./format-refusals";

const LINUX = resolve("logs/Linux_2k.log");
const TEMPLATE = "<Date> <Time> <Level> <Content>";
// Two records with a stack trace under the first: three records, two continuation lines.
const JAVA = [
  "2025-06-14 15:16:01,120 ERROR Request failed for user 12",
  "java.lang.IllegalStateException: boom",
  "\tat com.example.Service.run(Service.java:42)",
  "2025-06-14 15:16:02,450 INFO Request served for user 13",
  "2025-06-14 15:16:03,001 INFO Request served for user 14 from 10.0.0.7",
  "",
].join("\n");

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: () => undefined, live: false, text: () => chunks.join("") };
}

let dir = "";
let javaLog = "";
let jsonPath = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-inspect-"));
  javaLog = join(dir, "app.log");
  jsonPath = join(dir, "app.jsonl");
  await writeFile(javaLog, JAVA);
  await writeFile(jsonPath, jsonLog(30));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("inspect --json prints exactly one JSON object with the format, counts, first and last times and records split into fields", async () => {
  const io = bufferIo();
  await inspectCommand([javaLog, "--format", TEMPLATE, "--json"], io);
  const lines = io.text().split("\n");
  assert.equal(lines.length, 2, "one line and its line break");
  const result = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
  assert.equal(result.format, TEMPLATE);
  assert.deepEqual([result.lines, result.records, result.unparsed, result.continuationLines], [5, 3, 0, 2]);
  assert.deepEqual([result.firstTime, result.lastTime], ["2025-06-14T15:16:01Z", "2025-06-14T15:16:03Z"]);
  const sample = result.sample as Record<string, string>[];
  assert.equal(sample.length, 3);
  assert.deepEqual(Object.keys(sample[0] ?? {}).sort(), ["host", "level", "message", "process", "time"]);
  assert.deepEqual([sample[0]?.level, sample[0]?.message?.split("\n").length], ["ERROR", 3]);
});

test("inspect's report names the detected format and shows the first records in columns", async () => {
  const io = bufferIo();
  await inspectCommand([jsonPath], io);
  const text = io.text();
  assert.match(text, /^Format: json \(detected: 100% of the sampled lines are its records; the same without detection: --format json\)$/m);
  assert.match(text, /^Lines: 30 \(records 30, unparsed 0, continuation 0\)$/m);
  assert.match(text, /^First record: 2025-06-14T00:00:00Z$/m);
  assert.match(text, /^Last record: 2025-06-14T00:29:00Z$/m);
  assert.match(text, /^First 20 records:$/m);
  assert.match(text, /^ {2}time +host +process +level +message$/m);
  assert.match(text, /^ {2}2025-06-14T00:07:00Z +web1 +app +ERROR +request 7 served$/m);
});

test("inspect refuses what detect refuses, with the same sentence, and the script exits 2", async () => {
  await assert.rejects(inspectCommand([jsonPath, "--tz", "Mars/Base"], bufferIo()), /^UserInputError: --tz "Mars\/Base" is not a time zone/);
  await assert.rejects(promisify(execFile)(process.execPath, ["dist/inspect.cjs", jsonPath, "--format", "nope"]), (error: unknown) => {
    const failure = error as { code: number; stderr: string };
    assert.equal(failure.code, 2);
    assert.match(failure.stderr, /^Error: Unknown log format "nope": [^\n]*\n$/);
    return true;
  });
});

test("templates with --format writes one row per record at its first line, mining the record's message with --mask", async () => {
  const out = join(dir, "templates.csv");
  const io = bufferIo();
  await templatesCommand([javaLog, "--format", TEMPLATE, "--mask", String.raw`\d+\.\d+\.\d+\.\d+=IP`, "--out", out], io);
  const rows = (await readFile(out, "utf8")).trimEnd().split("\n");
  assert.equal(rows[0], "line,template_id,template");
  assert.deepEqual(rows.slice(1).map((row) => row.split(",")[0]), ["1", "4", "5"]);
  // The message, not the whole line: no date, time or level in any template.
  for (const row of rows.slice(1)) assert.doesNotMatch(row, /2025|ERROR|INFO/, row);
  assert.match(rows[1] ?? "", /Request failed for user <\*> java\.lang\.IllegalStateException: boom/);
  assert.match(rows[3] ?? "", /from <IP>/);
  assert.match(io.text(), /^Lines: 5 \(records 3, unparsed 0, continuation 2\)$/m);
});

test("templates without --format keeps one row per line of a classic syslog log", async () => {
  const out = join(dir, "classic.csv");
  await templatesCommand([LINUX, "--out", out], bufferIo());
  const rows = (await readFile(out, "utf8")).trimEnd().split("\n");
  assert.equal(rows.length, 2001);
  assert.deepEqual(rows.slice(1, 4).map((row) => row.split(",")[0]), ["1", "2", "3"]);
  await assert.rejects(templatesCommand([LINUX, "--raw", "--format", "syslog", "--out", out], bufferIo()), /--raw mines whole lines/);
});
