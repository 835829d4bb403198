import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatAgo, formatBytes, formatCount, formatDuration, formatNumber, formatParamsBrief, formatPercent, formatUtc, formatWindowLength,
} from "@/lib/ui/format";
import { chooseTickStep, formatTick, timeTicks } from "@/lib/ui/time-ticks";
import type { RunParams } from "@/lib/domain/types";

test("counts get thousands separators and missing values a dash", () => {
  assert.equal(formatCount(51600), "51,600");
  assert.equal(formatCount(-1234567), "-1,234,567");
  assert.equal(formatCount(null), "—");
});

test("numbers keep a few significant digits and show infinity as a symbol", () => {
  assert.equal(formatNumber(0.123456), "0.1235");
  assert.equal(formatNumber(42), "42");
  assert.equal(formatNumber(Infinity), "∞");
  assert.equal(formatNumber(0.00001234), "1.234e-5");
  assert.equal(formatPercent(0.125), "12.5%");
});

test("times are shown in UTC whatever the machine's zone", () => {
  assert.equal(formatUtc(Date.UTC(2005, 5, 14, 15, 16, 1) / 1000), "2005-06-14 15:16:01");
  assert.equal(formatAgo(new Date(0), new Date(20_000)), "just now");
  assert.equal(formatAgo(new Date(0), new Date(7_200_000)), "2 h ago");
});

test("durations, window lengths and sizes read naturally", () => {
  assert.equal(formatDuration(0.42), "0.4 s");
  assert.equal(formatDuration(185), "3 min 05 s");
  assert.equal(formatDuration(7440), "2 h 04 min");
  assert.equal(formatWindowLength(60), "1 min");
  assert.equal(formatWindowLength(45), "45 s");
  assert.equal(formatWindowLength(86400), "1 d");
  assert.equal(formatBytes(812), "812 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
});

test("sizes count powers of 1024 under binary labels, so the default upload limit reads 2 GiB everywhere", () => {
  assert.equal(formatBytes(2 * 1024 ** 3), "2 GiB");
  assert.equal(formatBytes(1000), "1000 B");
  assert.equal(formatBytes(4096), "4 KiB");
  assert.equal(formatBytes(52.3 * 1024 ** 2), "52.3 MiB");
  assert.equal(formatBytes(1024 ** 2 - 1), "1 MiB", "a size that rounds up to the next unit is written in it");
  assert.equal(formatBytes(-1), "—");
});

test("a run's parameters fit in one line", () => {
  const stored: RunParams = {
    year: 2005, window: 60, eps: 0.5, epsAuto: false, minSamples: 5, contamination: 0.05, contaminationAuto: false, aePercentile: 95, aePercentileAuto: false,
    votes: 2, epochs: 20, seed: 42, features: "seed", profile: "seed", combine: "vote",
  };
  assert.equal(formatParamsBrief(stored), "1 min · eps 0.5 · min 5 · c 0.05 · AE p95 · 2 votes");
  assert.equal(formatParamsBrief({ ...stored, eps: 0.42, epsAuto: true }), "1 min · eps 0.42 (auto) · min 5 · c 0.05 · AE p95 · 2 votes");
});

test("a run's view reads like the stored run once trained, and says auto while training is still to choose", () => {
  const requested = { window: 60, eps: "auto", minSamples: 5, contamination: "auto", aePercentile: "auto", votes: 2 } as const;
  const chosen = { eps: 0.42, contamination: 0.031, aePercentile: 97.5 };
  assert.equal(formatParamsBrief(requested, chosen), "1 min · eps 0.42 (auto) · min 5 · c 0.031 · AE p97.5 · 2 votes");
  assert.equal(formatParamsBrief(requested, null), "1 min · eps auto · min 5 · c auto · AE auto · 2 votes");
  assert.equal(formatParamsBrief({ ...requested, eps: 0.5, contamination: 0.05, aePercentile: 95 }, chosen), "1 min · eps 0.5 · min 5 · c 0.05 · AE p95 · 2 votes");
});

test("time ticks sit on round UTC times and are labelled by their step", () => {
  assert.equal(chooseTickStep(0, 3600, 8), 600);
  const { step, ticks } = timeTicks(1118761230, 1118768400, 6);
  assert.equal(step, 30 * 60);
  assert.ok(ticks.every((t) => t % step === 0));
  assert.equal(formatTick(Date.UTC(2005, 5, 14) / 1000, 3600), "Jun 14");
  assert.equal(formatTick(Date.UTC(2005, 5, 14, 15, 30) / 1000, 1800), "15:30");
  assert.equal(formatTick(Date.UTC(2005, 5, 14, 15, 30, 5) / 1000, 5), "15:30:05");
});
