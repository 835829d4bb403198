import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createReadStream } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, rename, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { spawn } from "node:child_process";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { predictCommand } from "@/lib/cli/predict-command";
import { watchCommand } from "@/lib/cli/watch-command";
import { UserInputError } from "@/lib/domain/user-input-error";
import { runNode } from "../run-process";

const LOG = resolve("logs/Linux_2k.log");

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  // Generous: on a loaded machine (a CI run beside 10M-line benchmarks) 20 s was once too short.
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

const rowCount = async (path: string) => (await readFile(path, "utf8").catch(() => "")).split("\n").length - 2;

describe("npm run watch", () => {
  let dir = "";
  let model = "";
  let predicted = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-watch-"));
    await detectCommand([LOG, "--profile", "seed", "--year", "2005", "--epochs", "3", "--out", join(dir, "train.csv"), "--models-dir", join(dir, "models")], bufferIo());
    model = join(dir, "models", (await readdir(join(dir, "models")))[0] as string);
    // The year is inferred from the log, as watch infers it from the stream's head.
    await predictCommand([LOG, "--model", model, "--out", join(dir, "predicted.csv")], bufferIo());
    predicted = await readFile(join(dir, "predicted.csv"), "utf8");
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("a log on standard input gives exactly the CSV predict gives for the same file and model, byte for byte", async () => {
    const out = join(dir, "stdin.csv");
    const io = bufferIo();
    await watchCommand(["-", "--model", model, "--out", out], io, { stdin: createReadStream(LOG, { highWaterMark: 4096 }) });
    assert.equal(await readFile(out, "utf8"), predicted);
    const anomalies = predicted.trim().split("\n").slice(1).filter((row) => row.split(",")[13] === "1").length;
    assert.equal(io.text().split("\n").filter((line) => line.startsWith("Anomaly ")).length, anomalies);
    assert.match(io.text(), /^Anomaly \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ to \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: flagged by [a-z_, ]+; isolation_forest_score /m);
    assert.match(io.text(), /Lines: 2000 \(parsed 2000, unparsed 0\)\nWindows written: 235 of 60 s; anomalies \(ensemble\): \d+; late records: 0/);
  });

  test("a followed file written in pieces, rotated and truncated gives predict's rows once each, as its windows close", async () => {
    const lines = (await readFile(LOG, "utf8")).split(/(?<=\n)/);
    const piece = (from: number, to: number) => lines.slice(from, to).join("");
    // The windows written once a record of `line` has come: those whose end plus 60 s of lateness it is past.
    const year = predicted.split("\n")[1]!.slice(0, 4);
    const closedBy = (line: string) => {
      const [month, day, time] = line.split(/\s+/);
      const ts = Date.parse(`${month} ${day} ${year} ${time} UTC`) / 1000;
      return predicted.trim().split("\n").slice(1).filter((row) => Date.parse(row.split(",")[1]!) / 1000 + 60 < ts).length;
    };
    const path = join(dir, "live.log");
    const out = join(dir, "live.csv");
    await writeFile(path, piece(0, 500));
    const controller = new AbortController();
    const io = bufferIo();
    const running = watchCommand([path, "--model", model, "--out", out, "--from-start"], io, { signal: controller.signal, pollMs: 10 });
    await waitFor("the first rows", async () => (await rowCount(out)) > 10);
    const early = await rowCount(out);
    await appendFile(path, piece(500, 1000));
    await waitFor("rows of the appended lines", async () => (await rowCount(out)) > early);
    await rename(path, `${path}.1`);
    await writeFile(path, piece(1000, 1500));
    await waitFor("the rotation", () => io.text().includes("was rotated"));
    // A truncation drops what was not read yet: wait for the rows the new file's last record closes.
    await waitFor("rows of the new file", async () => (await rowCount(out)) >= closedBy(lines[1499]!));
    await truncate(path, 0);
    await waitFor("the truncation", () => io.text().includes("was truncated"));
    await appendFile(path, piece(1500, lines.length));
    await new Promise((done) => setTimeout(done, 200));
    controller.abort();
    await running;
    assert.equal(await readFile(out, "utf8"), predicted);
    assert.match(io.text(), /late records: 0/);
  });

  test("records later than the allowed lateness are counted and reported, never merged into a written window", async () => {
    const out = join(dir, "late.csv");
    const io = bufferIo();
    const text = [
      "Jun 14 15:16:01 host sshd[1]: first",
      "Jun 14 15:19:30 host sshd[1]: closes 15:16 (its end 15:17 plus 60 s of lateness is past)",
      "Jun 14 15:16:30 host sshd[1]: late for the written 15:16 window",
      "Jun 14 15:15:10 host sshd[1]: late for 15:15, which closed before any record came",
      "Jun 14 15:18:40 host sshd[1]: still in time for 15:18",
      "",
    ].join("\n");
    await watchCommand(["-", "--model", model, "--out", out, "--year", "2005"], io, { stdin: Readable.from([Buffer.from(text)]) });
    const rows = (await readFile(out, "utf8")).trim().split("\n").slice(1).map((row) => row.split(",").slice(0, 3).join(","));
    assert.deepEqual(rows, ["2005-06-14T15:16:00Z,2005-06-14T15:17:00Z,1", "2005-06-14T15:18:00Z,2005-06-14T15:19:00Z,1", "2005-06-14T15:19:00Z,2005-06-14T15:20:00Z,1"]);
    assert.match(io.text(), /late records: 2 \(lateness 60 s\)/);
    // Reported as they come (at most every few seconds), and what is left at the end.
    assert.match(io.text(), /Late: 1 record came after its window was written \(1 so far; not merged\)/);
    assert.match(io.text(), /Late: 1 record came after its window was written \(2 so far; not merged\)/);
  });

  // The compiled CLI (npm run build:node), as `npm run watch` runs it.
  test("the built command reads standard input to its end and exits 0; following a file it stops on SIGINT, writing the open windows, and exits 0", async () => {
    const piped = join(dir, "piped.csv");
    const stdin = await runNode(["dist/watch.cjs", "-", "--model", model, "--out", piped], {}, await readFile(LOG, "utf8"));
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.equal(await readFile(piped, "utf8"), predicted);

    const path = join(dir, "signalled.log");
    const out = join(dir, "signalled.csv");
    await writeFile(path, "");
    const child = spawn(process.execPath, ["dist/watch.cjs", path, "--model", model, "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("close", done));
    await waitFor("the watch to start", () => stderr.includes("Watching"));
    await appendFile(path, await readFile(LOG));
    await waitFor("the first rows", async () => (await rowCount(out)) > 100);
    child.kill("SIGINT");
    assert.equal(await exited, 0, stderr);
    assert.equal(await readFile(out, "utf8"), predicted);

    const refused = await runNode(["dist/watch.cjs", "-", "--model", join(dir, "none")], {});
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.trim().split("\n").length, 1, refused.stderr);
  });

  test("bad input is refused in one sentence: a missing or damaged model, a format that does not match, a missing file, bad options", async () => {
    const out = join(dir, "refused.csv");
    const refused = async (argv: string[], pattern: RegExp, stdin?: Readable) => {
      await assert.rejects(watchCommand(argv, bufferIo(), { stdin: stdin ?? Readable.from([]) }), (error: unknown) => {
        assert.ok(error instanceof UserInputError, String(error));
        assert.match(error.message, pattern);
        assert.equal(error.message.split("\n").length, 1);
        return true;
      });
    };
    await refused(["-", "--model", join(dir, "no-such-model"), "--out", out], /no-such-model/);
    const damaged = join(dir, "damaged");
    await cp(model, damaged, { recursive: true });
    await truncate(join(damaged, "autoencoder", "weights.bin"), 100);
    await refused(["-", "--model", damaged, "--out", out], /is damaged: autoencoder\/weights\.bin holds 100 bytes/);
    await refused(["-", "--model", model, "--out", out, "--format", "json"], /No line of standard input is a json record/, createReadStream(LOG));
    await refused([join(dir, "missing.log"), "--model", model, "--out", out], /^No file at .*missing\.log: check the path and try again\.$/);
    await refused(["-", "--model", model, "--out", out, "--lateness", "-5"], /^Option --lateness: give a number of seconds, 0 or more \(got "-5"\)/);
    await refused(["-", "--model", model, "--bogus"], /--bogus/);
    await refused(["-", "--out", out], /^Missing --model/);
    // Another model's columns in --out: not one file of two tables.
    await writeFile(out, "window_start,window_end,other\n");
    await refused(["-", "--model", model, "--out", out], /already holds results with other columns/);
  });
});
