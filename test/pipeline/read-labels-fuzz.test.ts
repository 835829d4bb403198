import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { isUserInputError } from "@/lib/domain/user-input-error";
import type { WindowFeatures } from "@/lib/logs/types";
import { readLabelsFile } from "@/lib/pipeline/read-labels";
import { assertOneSentence } from "../server/http/one-sentence";

/**
 * Property-based fuzzing of the labels reader (fast-check, a fixed number of runs so the file takes
 * seconds): random text and bytes, and near-valid labels files (window starts as ISO times or Unix
 * seconds, the generator's CSV, per-line labels), mutated. Each file is read into labels that fit
 * any run's windows, or refused with the project's own one-sentence UserInputError; the same holds
 * when the labels meet a run's windows. Never a TypeError or RangeError.
 */

const RUNS = 400;
const dir = mkdtempSync(join(tmpdir(), "logscope-labels-fuzz-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// 2025-06-14T10:00:00Z.
const T0 = 1749895200;
let files = 0;

/** Only the project's own error, in one sentence, may refuse a labels file. */
function refusedWell(error: unknown, input: unknown): void {
  const shown = JSON.stringify(input)?.slice(0, 300) ?? String(input);
  assert.ok(isUserInputError(error), `not a UserInputError for ${shown}: ${error instanceof Error ? error.stack : String(error)}`);
  assertOneSentence(error.message, shown);
}

// Lines close to each labels format, so the reader gets past its first checks.
const isoTime = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom("", "Z", "+02:00", "-0430", ".5Z", ",123", "+99"), fc.constantFrom("T", " ", "t"))
  .map(([y, mo, d, h, mi, zone, sep]) => `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}${sep}${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:00${zone}`);
const unixTime = fc.oneof(fc.integer({ min: T0 - 600, max: T0 + 600 }).map(String), fc.constantFrom("1e30", "9".repeat(400), "0", "-1", "1749895200.9", "."));
const timeLine = fc.tuple(fc.oneof(isoTime, unixTime), fc.constantFrom("", ",ssh_brute_force", " note", ",", "\t")).map(([t, rest]) => t + rest);
const labelLine = fc.oneof(fc.constantFrom("-", "- ok", "-\tx", "ALERT x", "KERNDTLB 1117838570", "  - indented", "--", " ", "", "window_start,kind", "WINDOW_START"), fc.string({ maxLength: 12 }));
const lineEnd = fc.constantFrom("\n", "\r\n", "\r");
const labelsText = fc.oneof(
  fc.tuple(fc.array(fc.oneof(timeLine, labelLine), { maxLength: 12 }), lineEnd).map(([lines, end]) => lines.join(end)),
  fc.tuple(fc.constantFrom("window_start,kind", "window_start", ""), fc.array(timeLine, { maxLength: 6 })).map(([head, lines]) => [head, ...lines].join("\n")),
  fc.tuple(fc.array(labelLine, { maxLength: 30 }), fc.nat({ max: 70_000 })).map(([lines, skip]) => `${lines.join("\n")}${"\n".repeat(skip % 3 === 0 ? skip : 0)}ALERT last`),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const labelsBytes = fc.oneof(labelsText.map((text) => new TextEncoder().encode(text)), fc.uint8Array({ maxLength: 80 }));

// A run's windows: a few windows of one length around the labels' times.
const runWindows = fc
  .tuple(fc.constantFrom(1, 60, 300), fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { maxLength: 6 }))
  .map(([length, slots]): WindowFeatures[] => slots.sort((a, b) => a - b).map((slot) => ({ start: T0 + slot * length, end: T0 + (slot + 1) * length, values: [1] })));

test("property: any labels file is read into labels that fit a run's windows, or refused in one sentence", async () => {
  await fc.assert(
    fc.asyncProperty(labelsBytes, runWindows, fc.nat({ max: 40 }), async (bytes, windows, logLines) => {
      const path = join(dir, `labels-${++files}.txt`);
      writeFileSync(path, bytes);
      const shown = new TextDecoder().decode(bytes.subarray(0, 200));
      let source;
      try {
        source = await readLabelsFile(path);
      } catch (error) {
        refusedWell(error, shown);
        return;
      }
      assert.ok(source.kind === "window-starts" || source.kind === "per-line", source.description);
      if (source.kind === "window-starts") {
        const starts = source.windowStarts ?? [];
        assert.ok(starts.length > 0 && starts.every((t, i) => Number.isFinite(t) && (i === 0 || t > (starts[i - 1] ?? t))), JSON.stringify(starts));
      } else {
        assert.ok((source.lineCount ?? 0) >= 1, source.description);
        // The pipeline calls onRecord for every parsed record: one per line here.
        for (let line = 1; line <= Math.min(logLines, source.lineCount ?? 0); line++) source.onRecord?.({ line, offset: 0, length: 1, ts: T0, windowStart: windows[line % Math.max(1, windows.length)]?.start ?? T0 });
      }
      try {
        const labels = source.toLabels(windows, logLines);
        assert.equal(labels.length, windows.length);
        assert.ok([...labels].every((label) => label === 0 || label === 1) && [...labels].some((label) => label === 1));
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        // A per-line source given no record is the caller's bug, not input (read-labels-sources.ts).
        if (source.kind === "per-line" && windows.length > 0 && Math.min(logLines, source.lineCount ?? 0) === 0 && logLines === source.lineCount) return;
        refusedWell(error, shown);
      }
    }),
    { numRuns: RUNS },
  );
});
