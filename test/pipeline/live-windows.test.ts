import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { LineRange } from "@/lib/db/types";
import type { StreamCheckpoint } from "@/lib/domain/stream-types";
import type { DetectorModels } from "@/lib/pipeline/detector-models";
import { LiveWindows, type ClosedWindows } from "@/lib/pipeline/live-windows";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { resultRows } from "@/lib/pipeline/watch-rows";

const LOG = resolve("logs/Linux_2k.log");

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Whole-line batches of random sizes (1 to 120 lines). */
function cut(bytes: Buffer, next: () => number): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    let end = at;
    for (let n = 1 + Math.floor(next() * 120); n > 0 && end < bytes.length; n--) {
      const nl = bytes.indexOf(10, end);
      end = nl === -1 ? bytes.length : nl + 1;
    }
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return out;
}

interface Collected {
  rows: string;
  ranges: LineRange[][];
}

function collect(into: Collected, closed: ClosedWindows | null): void {
  if (closed === null) return;
  into.rows += resultRows(closed.results);
  into.ranges.push(...closed.lineRanges);
}

describe("LiveWindows", () => {
  let dir = "";
  let models: DetectorModels;
  let bytes: Buffer;
  let predicted = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-live-windows-"));
    const check = checkDetectParams({ profile: "seed", year: 2005, epochs: 3 });
    assert.ok(check.params);
    const run = await runDetection({ logPath: LOG, params: check.params, modelsDir: dir });
    models = run.models;
    predicted = resultRows(run.results);
    // The stream stores a last line with its line break.
    const raw = await readFile(LOG);
    bytes = raw[raw.length - 1] === 10 ? raw : Buffer.concat([raw, Buffer.from("\n")]);
  });

  after(async () => {
    models.autoencoder.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const options = { name: "t.log", year: 2005, lateness: 60 };

  test("whole-line batches of any size give predict's rows, and every line range points at its own lines", () => {
    const whole: Collected = { rows: "", ranges: [] };
    const live = new LiveWindows(models, options);
    for (const batch of cut(bytes, random(7))) collect(whole, live.push(batch));
    collect(whole, live.end());
    assert.equal(whole.rows, predicted);
    const lines = bytes.toString("utf8").split(/\r?\n/);
    for (const ranges of whole.ranges) {
      for (const r of ranges) {
        const text = bytes.subarray(r.offset, r.offset + r.length).toString("utf8");
        assert.deepEqual(text.split(/\r?\n/), lines.slice(r.firstLine - 1, r.firstLine - 1 + r.lineCount));
      }
    }
    assert.equal(live.checkpoint().lines, 2000);
  });

  test("a crash after any batch, resumed from the last checkpoint, writes every window exactly once (20 random cuts)", () => {
    const whole: Collected = { rows: "", ranges: [] };
    const reference = new LiveWindows(models, options);
    for (const batch of cut(bytes, random(1))) collect(whole, reference.push(batch));
    collect(whole, reference.end());
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed * 97);
      const batches = cut(bytes, next);
      const crashAt = Math.floor(next() * batches.length);
      const got: Collected = { rows: "", ranges: [] };
      let live = new LiveWindows(models, options);
      let checkpoint: StreamCheckpoint = live.checkpoint();
      batches.forEach((batch, i) => {
        collect(got, live.push(batch));
        checkpoint = live.checkpoint();
        if (i !== crashAt) return;
        // The process dies here; the next one reads the stored log back from the replay point.
        live = new LiveWindows(models, { ...options, resume: checkpoint });
        collect(got, live.replay(bytes.subarray(checkpoint.replayOffset, checkpoint.bytes)));
      });
      collect(got, live.end());
      assert.equal(got.rows, whole.rows, `seed ${seed}, crash after batch ${crashAt} of ${batches.length}`);
      assert.deepEqual(got.ranges, whole.ranges, `seed ${seed}: line ranges`);
      assert.equal(live.checkpoint().lines, 2000);
      assert.equal(live.checkpoint().unparsedLines, reference.checkpoint().unparsedLines);
    }
  });

  test("the replay point stays at or before the first line of the earliest open window", () => {
    const live = new LiveWindows(models, { ...options, lateness: 0 });
    const line = (time: string) => `Jun 14 ${time} host sshd[1]: m\n`;
    live.push(Buffer.from(line("10:00:00")));
    live.push(Buffer.from(line("10:00:30")));
    assert.deepEqual([live.checkpoint().replayOffset, live.checkpoint().replayLine], [0, 1], "the 10:00 window is open");
    const first = Buffer.byteLength(line("10:00:00")) * 2;
    live.push(Buffer.from(line("10:01:10")));
    // 10:01:10 closed the 10:00 window (lateness 0): only the 10:01 window is open, from line 3.
    assert.deepEqual([live.checkpoint().replayOffset, live.checkpoint().replayLine, live.checkpoint().closedBefore], [first, 3, Date.UTC(2005, 5, 14, 10, 1) / 1000]);
  });
});
