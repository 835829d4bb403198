import assert from "node:assert/strict";
import { test } from "node:test";
import {
  EPISODE_KINDS, defaultEpisodeCount, formatLabelsCsv, generateLogs, parseIsoStart, planGeneration,
  type GenerateOptions, type GenerationPlan, type GenerationResult,
} from "../../lib/generate";

// docs/pipeline.md §1, verbatim: the generator is only useful if the parser's own pattern accepts every line.
const SPEC_PATTERN =
  /^(?<mon>[A-Z][a-z]{2})\s+(?<day>\d{1,2})\s+(?<time>\d{2}:\d{2}:\d{2})\s+(?<host>\S+)\s+(?<proc>.+?)(?:\[(?<pid>\d+)\])?:(?:\s|$)(?<msg>.*)$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Run {
  plan: GenerationPlan;
  text: string;
  lines: string[];
  result: GenerationResult;
}

function run(options: GenerateOptions, chunkBytes?: number): Run {
  const plan = planGeneration(options);
  const chunks = generateLogs(plan, chunkBytes);
  const parts: string[] = [];
  for (;;) {
    const step = chunks.next();
    if (step.done) {
      const text = parts.join("");
      assert.ok(text.endsWith("\n"), "the text ends with a newline");
      for (const part of parts) assert.ok(part.endsWith("\n"), "every chunk ends at a line boundary");
      return { plan, text, lines: text.slice(0, -1).split("\n"), result: step.value };
    }
    parts.push(step.value);
  }
}

/** Unix seconds of each line, reading the year-less stamps the docs/pipeline.md §1 way (Dec -> Jan adds a year). */
function lineSeconds(lines: string[], year: number): number[] {
  let y = year;
  let previousMonth = -1;
  return lines.map((line) => {
    const groups = SPEC_PATTERN.exec(line)?.groups;
    assert.ok(groups, `line matches the SPEC pattern: ${line}`);
    const month = MONTHS.indexOf(groups.mon ?? "");
    if (previousMonth - month > 6) y++;
    previousMonth = month;
    const [hh, mm, ss] = (groups.time ?? "").split(":").map(Number) as [number, number, number];
    return Date.UTC(y, month, Number(groups.day), hh, mm, ss) / 1000;
  });
}

/** Lines grouped by 60 s window start. */
function byWindow(run: Run): Map<number, string[]> {
  const seconds = lineSeconds(run.lines, run.plan.year);
  const windows = new Map<number, string[]>();
  run.lines.forEach((line, i) => {
    const sec = seconds[i] as number;
    const start = sec - (sec % 60);
    const list = windows.get(start) ?? [];
    list.push(line);
    windows.set(start, list);
  });
  return windows;
}

test("the same options and seed give identical text, and another seed gives different text", () => {
  const a = run({ lines: 3000, seed: 7 });
  const b = run({ lines: 3000, seed: 7 });
  const c = run({ lines: 3000, seed: 8 });
  assert.equal(a.text, b.text);
  assert.deepEqual(a.result, b.result);
  assert.notEqual(a.text, c.text);
});

test("the chunk size changes where chunks end but not the text", () => {
  assert.equal(run({ lines: 2500, seed: 3 }, 512).text, run({ lines: 2500, seed: 3 }).text);
});

test("the log has exactly the requested number of lines", () => {
  for (const lines of [1, 2, 59, 1000, 4321]) assert.equal(run({ lines, seed: lines }).lines.length, lines);
});

test("every line matches the docs/pipeline.md §1 pattern and times never go backwards or before the start", () => {
  const start = parseIsoStart("2025-03-01T10:00:30Z") as number;
  const { lines, plan, result } = run({ lines: 20000, seed: 11, hosts: 12, episodes: 8, start });
  const seconds = lineSeconds(lines, plan.year);
  for (let i = 1; i < seconds.length; i++) assert.ok((seconds[i] as number) >= (seconds[i - 1] as number), `line ${i + 1} is in order`);
  assert.ok((seconds[0] as number) >= start);
  assert.equal(seconds[0], result.firstSec);
  assert.equal(seconds[seconds.length - 1], result.lastSec);
  const hosts = new Set(lines.map((line) => SPEC_PATTERN.exec(line)?.groups?.host));
  assert.equal(hosts.size, 12);
});

test("every labelled window holds lines of its episode, and kind-specific lines appear only in windows of that kind", () => {
  const episodes = run({ lines: 30000, seed: 5, episodes: 8 });
  const windows = byWindow(episodes);
  const labels = new Map(episodes.result.windows.map((w) => [w.start, w.kind]));
  const signature: Record<string, RegExp> = {
    ssh_brute_force: /sshd\[\d+\]: Failed password/,
    crash_loop: /code=dumped/,
    disk_errors: /kernel: .*I\/O error/,
    privilege_abuse: /(sudo|su\[\d+\]): .*(authentication failure|NOT in sudoers|FAILED SU|COMMAND=)/,
  };
  for (const [start, kind] of labels) {
    const lines = windows.get(start);
    assert.ok(lines, `labelled window ${start} exists`);
    assert.ok(lines.some((line) => (signature[kind] as RegExp).test(line)), `window ${start} shows ${kind}`);
  }
  // These messages come only from episodes, so they mark exactly the windows of their kind.
  const exclusive: [RegExp, string][] = [[/code=dumped/, "crash_loop"], [/I\/O error/, "disk_errors"], [/NOT in sudoers|FAILED SU/, "privilege_abuse"]];
  for (const [pattern, kind] of exclusive) {
    for (const [start, lines] of windows) {
      if (lines.some((line) => pattern.test(line))) assert.equal(labels.get(start), kind, `window ${start} with ${pattern} is labelled ${kind}`);
    }
  }
  for (const [start, kind] of labels) {
    if (kind === "crash_loop" || kind === "disk_errors") {
      assert.ok(windows.get(start)?.some((line) => (signature[kind] as RegExp).test(line)));
    }
  }
});

test("the labelled windows are exactly the minutes the plan gave the episodes", () => {
  const { plan, result } = run({ lines: 20000, seed: 9, episodes: 6 });
  const planned = plan.episodes.flatMap((e) => Array.from({ length: e.minutes }, (_, i) => (e.startMinute + i) * 60));
  assert.deepEqual(result.windows.map((w) => w.start), planned);
  assert.equal(result.episodes.length, 6);
  for (const episode of result.episodes) assert.ok(episode.lines > 0);
});

test("the labels CSV has a header, ISO UTC starts in time order, one row per window and no comments", () => {
  const { result } = run({ lines: 12000, seed: 2 });
  const csv = formatLabelsCsv(result.windows);
  const rows = csv.trimEnd().split("\n");
  assert.equal(rows[0], "window_start,kind");
  assert.equal(rows.length, result.windows.length + 1);
  assert.ok(rows.length > 1);
  let previous = "";
  for (const row of rows.slice(1)) {
    assert.match(row, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z,(ssh_brute_force|crash_loop|disk_errors|privilege_abuse)$/);
    assert.ok(row > previous, "rows are in time order without repeats");
    previous = row;
  }
  assert.ok(!csv.includes("#"));
  assert.equal(formatLabelsCsv([{ start: 1718374560, kind: "crash_loop" }]), "window_start,kind\n2024-06-14T14:16:00Z,crash_loop\n");
});

test("a big enough request has at least a fair share of episodes of every kind", () => {
  assert.ok(defaultEpisodeCount(200000) >= 20);
  assert.equal(defaultEpisodeCount(1000), 0);
  const big = planGeneration({ lines: 200000, seed: 4 });
  for (const kind of EPISODE_KINDS) assert.ok(big.episodes.filter((e) => e.kind === kind).length >= 5, `${kind} planned 5 times`);

  const { result } = run({ lines: 40000, seed: 4, episodes: 12 });
  for (const kind of EPISODE_KINDS) {
    assert.ok(result.episodes.filter((e) => e.kind === kind).length >= 3, `${kind} written 3 times`);
    assert.ok(result.windows.some((w) => w.kind === kind), `${kind} labelled`);
  }
});

test("episodes stay in the start year by default while the log itself may run into the next", () => {
  const start = parseIsoStart("2025-12-31T22:00:00Z") as number;
  const yearEnd = parseIsoStart("2026-01-01T00:00:00Z") as number;
  const log = run({ lines: 20000, seed: 6, episodes: 6, start });
  assert.equal(log.plan.year, 2025);
  assert.ok(log.result.lastSec > yearEnd, "the log crosses midnight of New Year");
  assert.ok(log.result.windows.length > 0);
  for (const window of log.result.windows) assert.ok(window.start + 60 <= yearEnd, "episode windows end in 2025");
  const windows = byWindow(log);
  for (const window of log.result.windows) assert.ok(windows.has(window.start), "labels match the Dec -> Jan reading");

  const crossing = planGeneration({ lines: 20000, seed: 6, episodes: 6, start, crossYear: true });
  assert.ok(crossing.episodes.some((e) => e.startMinute * 60 >= yearEnd), "--cross-year lets episodes into 2026");
});

test("episodes that do not fit are refused with a RangeError that names the reason", () => {
  const lateStart = parseIsoStart("2025-12-31T23:00:00Z") as number;
  assert.throws(() => planGeneration({ lines: 100000, episodes: 10, start: lateStart }), (error: Error) =>
    error instanceof RangeError && /end of 2025/.test(error.message) && /--cross-year/.test(error.message));
  assert.equal(planGeneration({ lines: 100000, episodes: 10, start: lateStart, crossYear: true }).episodes.length, 10);
  assert.throws(() => planGeneration({ lines: 1000, episodes: 50 }), (error: Error) =>
    error instanceof RangeError && /do not fit in 1000 lines/.test(error.message));
});

test("invalid options are refused with a RangeError", () => {
  for (const options of [{ lines: 0 }, { lines: 1.5 }, { lines: 10, hosts: 0 }, { lines: 10, seed: Number.NaN }, { lines: 10, episodes: -1 }]) {
    assert.throws(() => planGeneration(options), RangeError, JSON.stringify(options));
  }
});
