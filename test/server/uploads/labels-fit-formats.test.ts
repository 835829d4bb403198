// The labels check before a run reads the log's time span in the run's format: JSON lines, RFC 5424,
// access logs, Loghub presets and declared templates as well as classic syslog.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { inferLogYear } from "@/lib/pipeline/infer-log-year";
import { readLabelsFile } from "@/lib/pipeline/read-labels";
import { checkLabelsFitLog } from "@/lib/server/uploads/check-labels-fit";
import { readLogTimeSpan } from "@/lib/server/uploads/log-time-span";
import { fixturePath } from "../../fixtures/fixture-path";

const dir = mkdtempSync(join(tmpdir(), "logscope-labels-formats-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function write(name: string, content: string): string {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, content);
  return path;
}

const AUTO: FormatOptions = { format: "auto" };
const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000", "");
const spanOf = async (path: string, year: number | undefined, options: FormatOptions) => {
  const span = await readLogTimeSpan(path, year, options);
  assert.ok(span, `a span for ${path}`);
  return [iso(span.first), iso(span.last)];
};

/** Runs the check with a window-starts labels file holding `starts`; resolves when they fit. */
async function check(logPath: string, starts: string[], options: { year?: number; format: FormatOptions }): Promise<void> {
  const labels = await readLabelsFile(write("labels.csv", `window_start\n${starts.join("\n")}\n`));
  await checkLabelsFitLog({ labels, labelsName: "labels.csv", log: { path: logPath, name: "app.log", lines: 0 }, window: 60, ...options });
}

/** The refusal's sentence (and that it is a 400 under `labels`). */
async function refusal(promise: Promise<void>): Promise<string> {
  let message = "";
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof Error && "status" in error && "errors" in error);
    assert.equal(error.status, 400);
    assert.deepEqual(error.errors, { labels: error.message });
    message = error.message;
    return true;
  });
  return message;
}

const OUTSIDE = ["1999-03-01T10:00:00Z", "1999-03-01T10:05:00Z"];
const outsideSentence = (span: string, year: number) =>
  "None of the 2 labelled window starts in labels.csv (1999-03-01T10:00:00Z .. 1999-03-01T10:05:00Z) falls within the log's time span " +
  `(${span} with year ${year}): check the year or that the labels belong to this log.`;

test("a JSON-lines log whose labels fall inside its span passes the check, its span taken from its first and last records", async () => {
  const pino = fixturePath("formats", "pino.log");
  assert.deepEqual(await spanOf(pino, undefined, AUTO), ["2024-11-12T06:01:56Z", "2024-11-12T06:05:27Z"]);
  await check(pino, ["2024-11-12T06:03:00Z"], { format: AUTO });
  await check(pino, ["2024-11-12T06:01:00Z"], { format: { format: "json" } });
});

test("an RFC 5424 log and an access log with labels inside their spans pass the check, their offsets honoured", async () => {
  const rfc5424 = fixturePath("formats", "rfc5424-no-pri.log");
  // The second record is written at +03:00; all three are the same minute in UTC.
  assert.deepEqual(await spanOf(rfc5424, undefined, AUTO), ["2022-08-27T14:22:01Z", "2022-08-27T14:22:01Z"]);
  await check(rfc5424, ["2022-08-27T14:22:00Z"], { format: AUTO });
  const access = fixturePath("formats", "apache-combined.log");
  assert.deepEqual(await spanOf(access, undefined, AUTO), ["2015-05-17T10:05:03Z", "2015-05-17T17:05:06Z"]);
  await check(access, ["2015-05-17T12:00:00Z"], { format: { format: "access" } });
});

test("labels outside the span of a JSON-lines log are refused with the sentence the syslog case uses", async () => {
  const pino = fixturePath("formats", "pino.log");
  const json = await refusal(check(pino, OUTSIDE, { year: 2024, format: AUTO }));
  assert.equal(json, outsideSentence("2024-11-12T06:01:56Z .. 2024-11-12T06:05:27Z", 2024));
  const syslog = await refusal(check(fixturePath("loghub", "Linux_2k.log"), OUTSIDE, { year: 2005, format: AUTO }));
  assert.equal(syslog, outsideSentence("2005-06-14T15:16:01Z .. 2005-07-27T14:42:00Z", 2005));
  const access = await refusal(check(fixturePath("formats", "nasa-common.log"), ["1999-03-01T10:00:00Z"], { year: 1995, format: AUTO }));
  assert.match(access, /^The labelled window start in labels\.csv \(1999-03-01T10:00:00Z\) falls outside the log's time span \(1995-07-01T04:00:01Z \.\. 1995-07-01T04:00:12Z with year 1995\)/);
});

test("classic syslog keeps its span, with or without format options, and labels inside it pass", async () => {
  const linux = fixturePath("loghub", "Linux_2k.log");
  const expected = ["2005-06-14T15:16:01Z", "2005-07-27T14:42:00Z"];
  assert.deepEqual(await spanOf(linux, 2005, AUTO), expected);
  assert.deepEqual(await spanOf(linux, 2005, { format: "syslog" }), expected);
  const classic = await readLogTimeSpan(linux, 2005);
  assert.deepEqual(classic && [iso(classic.first), iso(classic.last), classic.year], [...expected, 2005]);
  await check(linux, ["2005-06-15T02:04:00Z", "1999-01-01T00:00:00Z"], { year: 2005, format: AUTO });
});

test("a Loghub preset and a declared template with a zone give the spans their manifest records", async () => {
  assert.deepEqual(await spanOf(fixturePath("loghub-2k", "HDFS", "HDFS_2k.log"), undefined, { format: "loghub:HDFS" }), [
    "2008-11-09T20:36:15Z",
    "2008-11-11T10:20:17Z",
  ]);
  const postgres = { format: "<Date> <Time> CEST \\[<Pid>\\] <Level>:  <Content>", tz: "+02:00" };
  const path = fixturePath("formats", "postgres-cest.log");
  assert.deepEqual(await spanOf(path, undefined, postgres), ["2025-04-11T22:14:12Z", "2025-04-11T22:17:46Z"]);
  await check(path, ["2025-04-11T22:16:00Z"], { format: postgres });
  // Read as UTC the records are two hours later: labels written for that reading no longer fit.
  await check(path, ["2025-04-12T00:16:00Z"], { format: { format: postgres.format } });
  await refusal(check(path, ["2025-04-12T00:16:00Z"], { format: postgres }));
});

test("a year-less template's last record earlier in the year than its first lands in the next year", async () => {
  const log = write("app.log", "Dec 31 23:58:00 [web] INFO started\nJan 01 00:02:00 [web] WARN late\n");
  const template = { format: "<Month> <Day> <Time> [<Component>] <Level> <Content>" };
  assert.deepEqual(await spanOf(log, 2010, template), ["2010-12-31T23:58:00Z", "2011-01-01T00:02:00Z"]);
  await check(log, ["2011-01-01T00:02:00Z"], { year: 2010, format: template });
  const refused = await refusal(check(log, ["2011-03-01T00:00:00Z"], { year: 2010, format: template }));
  assert.match(refused, /\(2010-12-31T23:58:00Z \.\. 2011-01-01T00:02:00Z with year 2010\)/);
});

test("without a year, a year-less log's span uses the year the run would infer", async () => {
  const path = fixturePath("loghub-2k", "Proxifier", "Proxifier_2k.log");
  const options = { format: "loghub:Proxifier" };
  const now = new Date("2020-01-01T00:00:00Z");
  const span = await readLogTimeSpan(path, undefined, options, now);
  const inferred = await inferLogYear(path, statSync(path).size, options, now);
  assert.equal(span?.year, inferred.year);
  assert.equal(iso(span?.first ?? 0), `${inferred.year}-10-30T16:49:06Z`);
});

test("a JSON-lines log longer than the head and tail read gives its last record from the tail", async () => {
  const record = (i: number) => JSON.stringify({ time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(), msg: `record ${i} ${"x".repeat(120)}` });
  const log = write("big.log", Array.from({ length: 6000 }, (_, i) => record(i)).join("\n") + "\n");
  assert.deepEqual(await spanOf(log, undefined, AUTO), ["2024-01-01T00:00:00Z", "2024-01-01T01:39:59Z"]);
  await check(log, ["2024-01-01T01:39:00Z"], { format: AUTO });
});

test("a log whose format cannot be settled, or whose tail holds no record, is left to the run", async () => {
  const prose = write("prose.log", "nothing here reads as a log\n".repeat(20));
  await check(prose, OUTSIDE, { format: AUTO });
  const head = Array.from({ length: 1000 }, () => '{"time":"2024-01-01T00:00:00Z","msg":"m"}').join("\n");
  const trailing = write("trailing.log", `${head}\n${"not a record\n".repeat(10)}`);
  assert.equal(await readLogTimeSpan(trailing, undefined, AUTO), null);
  await check(trailing, OUTSIDE, { format: AUTO });
});
