import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateLogs, planGeneration } from "../../lib/generate";
import { extractWindows } from "../../lib/logs/extract-windows";
import type { FormatOptions } from "../../lib/logs/formats/types";
import type { TemplateMinerJson } from "../../lib/logs/templates";
import { readLogFile, type LogExtraction, type ReadLogOptions } from "../../lib/pipeline/read-log-file";
import { templateThreadFor } from "../../lib/pipeline/template-thread";
import { fixturePath } from "../fixtures/fixture-path";

const folder = mkdtempSync(join(tmpdir(), "logscope-template-thread-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Reads `path` with extended features, mining on this thread (threads 1) and on a second one. */
async function bothWays(path: string, options: Omit<ReadLogOptions, "window" | "features">) {
  const read = (threads: number) => readLogFile(path, { window: 60, features: "extended", ...options, threads, parallelMinBytes: 0 });
  return { here: await read(1), thread: await read(2) };
}

function assertSameExtraction(thread: LogExtraction, here: LogExtraction): void {
  assert.deepEqual(thread.windows, here.windows);
  assert.deepEqual(thread.templates, here.templates);
  assert.deepEqual(thread.summary, here.summary);
}

function writeGenerated(name: string, lines: number): string {
  const chunks = generateLogs(planGeneration({ lines, seed: 5, hosts: 4, start: Date.parse("2024-03-01T00:00:00Z") / 1000 }));
  const parts: string[] = [];
  for (let step = chunks.next(); !step.done; step = chunks.next()) parts.push(step.value);
  const path = join(folder, name);
  writeFileSync(path, parts.join(""));
  return path;
}

describe("template mining on another thread", () => {
  const fixtures: { name: string; path: string[]; year: number; formatOptions?: FormatOptions }[] = [
    { name: "Loghub Linux_2k on the classic path", path: ["loghub", "Linux_2k.log"], year: 2005 },
    { name: "Loghub OpenSSH_2k detected as syslog", path: ["loghub", "OpenSSH_2k.log"], year: 2017, formatOptions: { format: "auto" } },
    {
      name: "an access log with an analyst's mask",
      path: ["formats", "apache-combined.log"],
      year: 2024,
      formatOptions: { format: "auto", masks: [{ pattern: "GET|POST", name: "VERB" }] },
    },
  ];
  for (const fixture of fixtures) {
    it(`gives the same windows, templates and catalog as mining here on ${fixture.name}`, async () => {
      const { here, thread } = await bothWays(fixturePath(...fixture.path), { year: fixture.year, formatOptions: fixture.formatOptions });
      assert.ok((here.templates?.entries.length ?? 0) > 10, "the fixture has templates to mine");
      assert.equal(here.templates?.miner.options.customMasks?.length ?? 0, fixture.formatOptions?.masks?.length ?? 0);
      assertSameExtraction(thread, here);
    });
  }

  it("counts unseen templates against a trained miner exactly as mining here does", async () => {
    const trained = await readLogFile(fixturePath("loghub", "Linux_2k.log"), { window: 60, year: 2005, features: "extended", threads: 1 });
    const miner = trained.templates?.miner;
    assert.ok(miner !== undefined);
    const { here, thread } = await bothWays(fixturePath("loghub", "OpenSSH_2k.log"), { year: 2017, trainedTemplates: miner });
    const unseen = here.windows.reduce((sum, w) => sum + (w.values[10] ?? 0), 0);
    assert.ok(unseen > 0, "OpenSSH lines are unseen by a Linux miner");
    assertSameExtraction(thread, here);
  });

  it("waits for the thread at each compaction of a bounded extraction and still gives the same windows", async () => {
    const path = writeGenerated("bounded.log", 20_000);
    const chunks = () => createReadStream(path, { highWaterMark: 16 << 10 });
    const options = { year: 2024, window: 60, features: "extended" as const, reread: chunks, epochs: { messages: 500, idleRecords: 200 } };
    const here = await extractWindows(chunks(), options);
    const mining = templateThreadFor(0, { threads: 2, minBytes: 0 });
    assert.ok(mining !== null);
    try {
      const thread = await extractWindows(chunks(), { ...options, templateAssigner: mining.assigner });
      assert.deepEqual(thread.windows, here.windows);
      assert.deepEqual(thread.templates, here.templates);
    } finally {
      mining.close();
    }
  });

  it("rejects the extraction with the thread's error instead of waiting for it forever", async () => {
    const broken = { name: "TemplateMiner", version: 2 } as unknown as TemplateMinerJson;
    const path = fixturePath("loghub", "Linux_2k.log");
    await assert.rejects(
      readLogFile(path, { window: 60, year: 2005, features: "extended", trainedTemplates: broken, threads: 2, parallelMinBytes: 0 }),
      /Not a saved TemplateMiner/,
    );
  });

  it("keeps mining on the parsing thread when one thread is asked for or the log is small", () => {
    assert.equal(templateThreadFor(1 << 30, { threads: 1 }), null);
    assert.equal(templateThreadFor(1000, { threads: 2 }), null);
  });
});
