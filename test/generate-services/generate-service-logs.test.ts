import { test } from "node:test";
import assert from "node:assert/strict";
import { generateServiceLogs, SERVICE_EPISODE_KINDS, type ServiceLogOptions, type ServiceLogResult } from "@/lib/generate-services";
import { detectFormat } from "@/lib/logs/formats/detect-format";

const START = Date.parse("2026-03-02T00:00:00Z") / 1000;

function generate(options: Partial<ServiceLogOptions> = {}): { lines: string[]; result: ServiceLogResult } {
  const generator = generateServiceLogs({ lines: 20_000, seed: 5, start: START, services: 6, ratePerMinute: 100, episodesPerDay: 20, ...options });
  let text = "";
  let step = generator.next();
  while (!step.done) {
    text += step.value;
    step = generator.next();
  }
  assert.ok(text.endsWith("\n"));
  return { lines: text.slice(0, -1).split("\n"), result: step.value };
}

interface Line {
  ts: string;
  level: string;
  service: string;
  host: string;
  msg: string;
}
const parse = (line: string) => JSON.parse(line) as Line;

test("the log has exactly the lines asked for, as JSON objects in time order", () => {
  const { lines, result } = generate();
  assert.equal(lines.length, 20_000);
  assert.equal(result.lines, 20_000);
  let last = "";
  for (const line of lines) {
    const record = parse(line);
    assert.ok(record.ts >= last, `${record.ts} after ${last}`);
    last = record.ts;
    assert.ok(record.level && record.service && record.host && record.msg, line);
  }
  assert.equal(parse(lines[0] ?? "").ts.slice(0, 10), "2026-03-02");
});

test("the same options give the same log, another seed another one", () => {
  assert.deepEqual(generate().lines.slice(0, 200), generate().lines.slice(0, 200));
  assert.notDeepEqual(generate({ seed: 6 }).lines.slice(0, 200), generate().lines.slice(0, 200));
});

test("Logscope detects the log as JSON lines and reads every line", () => {
  const { lines } = generate();
  const detection = detectFormat(lines.slice(0, 1000));
  assert.equal(detection.definition.name, "json");
  assert.equal(detection.matchRate, 1);
});

test("labels are whole minutes holding an episode's lines, none in the first half hour", () => {
  const { lines, result } = generate();
  assert.ok(result.episodes.length >= 2, `episodes: ${result.episodes.length}`);
  assert.ok(result.labels.length > 0);
  const minutes = new Set(lines.map((line) => Math.floor(Date.parse(parse(line).ts) / 60_000) * 60));
  for (const label of result.labels) {
    assert.equal(label.start % 60, 0);
    assert.ok(label.start >= START + 30 * 60);
    assert.ok(minutes.has(label.start), "a labelled minute has lines");
    assert.ok((SERVICE_EPISODE_KINDS as readonly string[]).includes(label.kind));
  }
  const labelled = result.labels.length / minutes.size;
  assert.ok(labelled > 0.02 && labelled < 0.5, `share of labelled minutes: ${labelled}`);
});

test("in an outage the struck service is silent and its callers log refused connections", () => {
  const { lines, result } = generate({ mix: { outage: 1, error_storm: 0, latency_storm: 0, credential_stuffing: 0, retry_backlog: 0, config_drift: 0 } });
  assert.ok(result.labels.every((label) => label.kind === "outage"));
  const outage = result.episodes[0];
  assert.ok(outage);
  const inside = lines.map(parse).filter((record) => {
    const minute = Math.floor(Date.parse(record.ts) / 60_000);
    return minute >= outage.startMinute && minute < outage.startMinute + outage.minutes;
  });
  const refused = inside.filter((record) => record.msg.startsWith("connection refused to "));
  assert.ok(refused.length > 0);
  const struck = refused[0]?.msg.split(" ")[3]?.split(":")[0];
  assert.ok(struck);
  assert.ok(!inside.some((record) => record.service === struck), `${struck} wrote during its own outage`);
});
