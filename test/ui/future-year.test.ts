import { test } from "node:test";
import assert from "node:assert/strict";
import { futureYearWarning } from "@/lib/ui/future-year";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const preview = (year: number, lastTime: string) => ({ year, firstTime: lastTime, lastTime });

test("a typed year that puts the previewed records after now is named in one sentence with the year before", () => {
  const warning = futureYearWarning("2026", preview(2026, "2026-06-14T15:16:00.000Z"), NOW);
  assert.ok(warning);
  assert.equal(warning.suggested, 2025);
  assert.equal(warning.sentence, "With 2026, the log's records run to 2026-06-14 15:16 UTC, which is in the future; the log is probably from 2025.");
});

test("a year several years ahead suggests the latest year that puts the records in the past", () => {
  assert.equal(futureYearWarning("2030", preview(2030, "2030-12-01T00:00:00Z"), NOW)?.suggested, 2025);
  assert.equal(futureYearWarning("2030", preview(2030, "2030-01-01T00:00:00Z"), NOW)?.suggested, 2026);
});

test("records at or before now, a blank year, a preview of another year or a log without year-less stamps give no warning", () => {
  assert.equal(futureYearWarning("2026", preview(2026, "2026-03-10T12:00:00Z"), NOW), null);
  assert.equal(futureYearWarning("2005", preview(2005, "2005-06-14T15:16:00Z"), NOW), null);
  assert.equal(futureYearWarning("", preview(2026, "2026-06-14T15:16:00Z"), NOW), null);
  assert.equal(futureYearWarning("2027", preview(2026, "2026-06-14T15:16:00Z"), NOW), null);
  assert.equal(futureYearWarning("2026", { year: null, firstTime: "2026-06-14T15:16:00Z", lastTime: "2026-06-14T15:16:00Z" }, NOW), null);
  assert.equal(futureYearWarning("2026", null, NOW), null);
});
