import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { describe, it } from "node:test";
import { extractWindows, extractWindowsFromText } from "../../lib/logs/extract-windows";
import { rareLineThreshold } from "../../lib/logs/template-features";
import { templateIdsOf, templateLineCountsOf, templateLines } from "../../lib/logs/template-lines";
import { fixturePath, readFixture } from "../fixtures/fixture-path";

const DISTINCT = 8;
const RARE = 9;
const UNSEEN = 10;
const ERRORS = 11;

function loghub(name: string): Buffer {
  return readFixture("loghub", name);
}

describe("extended features of the Loghub samples", () => {
  for (const [log, year] of [["Linux_2k.log", 2005], ["OpenSSH_2k.log", 2015]] as const) {
    const input = loghub(log);
    const seed = extractWindowsFromText(input, { year, window: 60 });
    const extended = extractWindowsFromText(input, { year, window: 60, features: "extended" });

    it(`leaves the eight seed features of ${log} bit-identical`, () => {
      assert.equal(extended.windows.length, seed.windows.length);
      extended.windows.forEach((w, i) => {
        assert.equal(w.values.length, 13);
        assert.equal(w.values[12], 0, "classic syslog has no levels");
        assert.deepEqual(w.values.slice(0, 8), seed.windows[i]?.values);
      });
    });

    it(`splits every window's lines of ${log} among its templates, and the catalog agrees`, () => {
      const catalog = extended.templates;
      assert.ok(catalog);
      // By id: the catalog lists live templates only, so its ids may skip merged ones.
      const lines: number[] = [];
      const windows: number[] = [];
      for (const w of extended.windows) {
        assert.ok(w.templates);
        const [ids, counts] = [templateIdsOf(w.templates), templateLineCountsOf(w.templates)];
        assert.equal(counts.reduce((a, b) => a + b, 0), w.values[0]);
        assert.equal(ids.length, w.values[DISTINCT]);
        ids.forEach((id, k) => {
          if (k > 0) assert.ok(id > (ids[k - 1] ?? -1));
          lines[id] = (lines[id] ?? 0) + (counts[k] ?? 0);
          windows[id] = (windows[id] ?? 0) + 1;
        });
      }
      // flatMap skips the holes, ids no window holds (merged ones): they must be no entry either.
      assert.deepEqual(catalog.entries.map((e) => [e.id, e.lines, e.windows]), lines.flatMap((n, id) => [[id, n, windows[id]]]));
      assert.equal(catalog.rareLineThreshold, rareLineThreshold(extended.summary.parsedLines));
      // rare_template_lines is the catalog's rare templates, counted per window.
      for (const w of extended.windows) {
        let rare = 0;
        const t = w.templates ?? templateLines([], []);
        templateIdsOf(t).forEach((id, k) => {
          if ((lines[id] ?? 0) <= catalog.rareLineThreshold) rare += templateLineCountsOf(t)[k] ?? 0;
        });
        assert.equal(w.values[RARE], rare);
      }
    });

    it(`gives ${log} the same templates and features when streamed in small chunks`, async () => {
      const streamed = await extractWindows(createReadStream(fixturePath("loghub", log), { highWaterMark: 4093 }), {
        year, window: 60, features: "extended",
      });
      assert.deepEqual(streamed.windows, extended.windows);
      assert.deepEqual(streamed.templates, extended.templates);
    });

    it(`finds no unseen template in ${log} when the miner was trained on ${log} itself`, () => {
      const again = extractWindowsFromText(input, { year, window: 60, features: "extended", trainedTemplates: extended.templates?.miner });
      assert.ok(again.windows.every((w) => w.values[UNSEEN] === 0));
      assert.deepEqual(again.windows.map((w) => w.values.slice(0, UNSEEN)), extended.windows.map((w) => w.values.slice(0, UNSEEN)));
    });
  }

  it("counts error-keyword lines of Linux_2k.log as the keyword regex does line by line", () => {
    const text = loghub("Linux_2k.log").toString("utf8");
    const { windows } = extractWindowsFromText(text, { year: 2005, window: 60, features: "extended" });
    const total = windows.reduce((sum, w) => sum + (w.values[ERRORS] ?? 0), 0);
    const pattern = /\b(?:errors?|fail(?:s|ed|ing|ures?)?|panic(?:s|ked)?|segfault(?:ed)?|denied|fatal|critical|time(?:outs?|d\s+out)|refused|unable|cannot|abort(?:s|ed|ing)?|corrupt(?:ed|ion)?|oops|killed|out\s+of\s+memory|exceptions?|crash(?:ed|es)?)\b/i;
    const expected = text.split("\n").filter((line) => {
      const message = /^\S+\s+\d+\s+\S+\s+\S+\s+.+?(?:\[\d+\])?:(?:\s|$)(.*)$/.exec(line.replace(/\r$/, ""))?.[1];
      return message !== undefined && pattern.test(message);
    }).length;
    assert.ok(total > 100);
    assert.equal(total, expected);
  });
});
