import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { POST as postRun } from "@/app/api/runs/route";
import { PUT as putLabelsRoute } from "@/app/api/runs/[id]/labels/route";
import { GET as seriesRoute } from "@/app/api/runs/[id]/series/route";
import { GET as windowsRoute } from "@/app/api/runs/[id]/windows/route";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { DETECT_PARAM_KEYS } from "@/lib/pipeline/params";
import { addUser } from "@/lib/server/auth/accounts";
import { checkFileName, MAX_FILE_NAME_BYTES } from "@/lib/server/http/check-file-name";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { parseDetectFields, parseRunsQuery, parseWindowQuery, queryFields } from "@/lib/server/http/request-input";
import { parseSeriesQuery } from "@/lib/server/http/series-query";
import { toSafeError } from "@/lib/server/http/service-error";
import { storedLogId } from "@/lib/server/runs/start-run-request";
import { parsePreviewQuery } from "@/lib/server/uploads/preview-upload";
import { useJobsEnvironment } from "../../jobs/job-test-env";
import { BASE, routeParams } from "../api/api-test-env";
import { trainQuickRun } from "../api/finished-run";
import { assertOneSentence } from "./one-sentence";

/**
 * Property-based fuzzing of the API's input parsing (fast-check, a fixed number of runs so the file
 * takes seconds): random JSON bodies and query strings into the run-creation, series, windows,
 * preview and labels parsers, and through the route handlers on a trained run. Every input is
 * either taken or refused with a 4xx and one sentence; none is a 500 or an error that is not the
 * service's own.
 */

const RUNS = 300;
/** The trained run's test sends three requests a run. */
const ROUTE_RUNS = 150;
const env = useJobsEnvironment("logscope-input-fuzz-");
after(env.cleanup);

let logFileId = 0;
let runId = 0;
before(async () => {
  await startJobRunner({ pollMs: 50 }).ready;
  ({ logFileId, runId } = await trainQuickRun());
  // Runs the fuzzer starts stay queued: training them would only slow the file down.
  await stopJobRunner();
});

/** A parser's verdict: it returned, or it threw what the API turns into a 4xx with one sentence. */
function takenOrRefused(parse: () => unknown, input: unknown): void {
  try {
    parse();
  } catch (error) {
    assert.ok(isUserInputError(error) || (error instanceof Error && error.name === "ServiceError"), `not a service error for ${JSON.stringify(input)}: ${String(error)}`);
    const safe = toSafeError(error);
    assert.ok(safe.status >= 400 && safe.status < 500, `status ${safe.status} for ${JSON.stringify(input)}`);
    assertOneSentence(safe.message, JSON.stringify(input));
  }
}

/** An answer of the API: below 500, and a refusal in the JSON error shape with one sentence. */
async function answered(response: Response, input: unknown): Promise<number> {
  assert.ok(response.status < 500, `${response.status} for ${JSON.stringify(input)}: ${await response.clone().text()}`);
  if (response.status >= 400) {
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const body = (await response.json()) as { error: unknown; errors?: Record<string, unknown> };
    assertOneSentence(body.error, JSON.stringify(input));
    for (const message of Object.values(body.errors ?? {})) assert.equal(typeof message, "string");
  }
  return response.status;
}

// Text that is sometimes a number, a keyword or a template, so parsers get past their first check.
const texty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("auto", "seed", "extended", "syslog", "json", "loghub:HDFS", "<Date> <Time> <Content>", "UTC", "+02:00", "time=ts", "%Y", "0,3", " ", ""),
);
const fieldValue = fc.oneof(texty, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.double());
const runFieldNames = fc.constantFrom(...DETECT_PARAM_KEYS, "logFileId", "uploadId", "__proto__", "constructor", "note");
const runFields = fc.dictionary(fc.oneof(runFieldNames, fc.string({ maxLength: 6 })), fieldValue, { maxKeys: 6 });

test("property: random JSON into the run-creation parsers is taken or refused with a 4xx sentence", () => {
  fc.assert(
    fc.property(runFields, (fields) => {
      takenOrRefused(() => parseDetectFields(fields), fields);
      takenOrRefused(() => storedLogId(fields), fields);
    }),
    { numRuns: RUNS },
  );
});

// A value with a line break, a NUL, a terminal escape, a quote, a backslash or a line separator inside.
const CONTROLS = ["\n", "\r\n", "\u0000", "\u001b[2J", "\u0007", '"', "\\", "\u2028", "\u0085", "\u007f"];
const hostile = fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROLS), fc.string({ maxLength: 8 })).map(([a, c, b]) => `x${a}${c}${b}x`);

/** Fields whose refusal repeats the value: a mask's pattern, a format name and template, a zone, a time format, a JSON path. */
const echoingFields = (value: string): Record<string, string>[] => [
  { masks: `${value}**` },
  { format: value },
  { format: `<Date> ${value}` },
  { tz: value },
  { timeFormat: `%Q ${value}` },
  { format: "json", fields: `time=a..${value}` },
];

/** The sentence a parser refuses with; it must refuse. */
function refusalOf(parse: () => unknown, input: unknown): string {
  try {
    parse();
  } catch (error) {
    takenOrRefused(() => { throw error; }, input);
    return error instanceof Error ? error.message : "";
  }
  return assert.fail(`taken: ${JSON.stringify(input)}`);
}

test("property: a control character or a quote in --mask, --format, --tz, --time-format, --field or a user name is shown escaped, and the refusal stays one line", async () => {
  await fc.assert(
    fc.asyncProperty(hostile, async (value) => {
      for (const fields of echoingFields(value)) {
        refusalOf(() => parseDetectFields(fields), fields);
        const request = new Request(`${BASE}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...fields, logFileId }) });
        assert.equal(await answered(await postRun(request), fields), 400);
      }
      await assert.rejects(addUser(value, "a long enough password"), (error: unknown) => {
        takenOrRefused(() => { throw error; }, value);
        return true;
      });
    }),
    { numRuns: 100 },
  );
  // By hand, what the sentences show.
  assert.match(refusalOf(() => parseDetectFields({ masks: "(\u001b[2J" }), "mask"), /^--mask "\(\\u001b\[2J" is not a valid regular expression: unterminated character class\. /);
  assert.match(refusalOf(() => parseDetectFields({ format: "nope\u0000Error: forged" }), "format"), /^Unknown log format "nope\\u0000Error: forged": use /);
  await assert.rejects(addUser("eve\r\nadmin", "a long enough password"), {
    message: '"eve\\r\\nadmin" is not a valid user name: use 1 to 64 letters, digits, dots, dashes, underscores or @.',
  });
});

test("property: random bodies into readJsonBody are an object or a 4xx sentence", async () => {
  const body = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }),
    runFields.map((fields) => JSON.stringify(fields)),
  );
  await fc.assert(
    fc.asyncProperty(body, async (sent) => {
      const request = new Request(`${BASE}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: sent });
      let error: unknown = null;
      const fields = await readJsonBody(request, 256).catch((caught: unknown) => (error = caught));
      if (error === null) assert.ok(fields && typeof fields === "object" && !Array.isArray(fields));
      else takenOrRefused(() => { throw error; }, sent);
    }),
    { numRuns: RUNS },
  );
});

const QUERY_KEYS = ["part", "features", "feature", "eps", "minSamples", "contamination", "aePercentile", "votes", "v", "page", "pageSize", "filter", "sort", "direction", "format", "year", "tz", "timeFormat", "fields", "name"];
const queryString = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 5 })), texty), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: "binary", maxLength: 30 }).map((raw) => raw.replace(/#/g, "")),
);
const fieldsOf = (query: string) => queryFields(`${BASE}/api/x?${query}`);

test("property: random query strings into the series, windows, runs and preview parsers are taken or refused with a 4xx sentence", () => {
  fc.assert(
    fc.property(queryString, (query) => {
      const fields = fieldsOf(query);
      takenOrRefused(() => parseSeriesQuery(fields), query);
      takenOrRefused(() => parseWindowQuery(fields), query);
      takenOrRefused(() => parseRunsQuery(fields), query);
      takenOrRefused(() => parsePreviewQuery(fields), query);
    }),
    { numRuns: RUNS },
  );
});

test("property: any file name is kept as a name a file may have, or refused with a 400 sentence", () => {
  const name = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 120 }), fc.constantFrom(".", "..", "a/..", "字".repeat(86)));
  fc.assert(
    fc.property(name, (raw) => {
      takenOrRefused(() => {
        const kept = checkFileName(raw, "labels.txt");
        assert.ok(Buffer.byteLength(kept) <= MAX_FILE_NAME_BYTES && kept !== "." && kept !== ".." && kept !== "", kept);
        // eslint-disable-next-line no-control-regex -- control characters are what must not be kept
        assert.ok(!/[\\/\u0000-\u001f\u007f]/.test(kept), kept);
      }, raw);
    }),
    { numRuns: RUNS },
  );
});

/** Whether a run field holds what no parameter takes: a boolean, an array (but text lists), an object. */
function wrongType(fields: Record<string, unknown>): boolean {
  return DETECT_PARAM_KEYS.some((key) => {
    const value = fields[key];
    if (typeof value === "boolean") return true;
    if (Array.isArray(value)) return !((key === "fields" || key === "masks") && value.every((item) => typeof item === "string"));
    return typeof value === "object" && value !== null;
  });
}

test("property: random JSON and form bodies to POST /api/runs are never a 500, and a field of the wrong type is never taken", async () => {
  const withLog = runFields.map((fields) => ({ ...fields, logFileId }));
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  await fc.assert(
    fc.asyncProperty(fc.oneof(runFields, withLog), fc.boolean(), async (fields, asForm) => {
      let request: Request;
      if (asForm) {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) form.append(name, typeof value === "string" ? value : JSON.stringify(value));
        request = new Request(`${BASE}/api/runs`, { method: "POST", body: form });
      } else {
        request = new Request(`${BASE}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fields) });
      }
      const status = await answered(await postRun(request), fields);
      count(status);
      if (!asForm && wrongType(fields)) assert.equal(status, 400, `taken: ${JSON.stringify(fields)}`);
    }),
    { numRuns: RUNS },
  );
  const junk = fc.oneof(fc.json({ maxDepth: 2 }), fc.string({ unit: "binary", maxLength: 20 }));
  await fc.assert(
    fc.asyncProperty(junk, async (sent) => {
      const request = new Request(`${BASE}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: sent });
      count(await answered(await postRun(request), sent));
    }),
    { numRuns: RUNS },
  );
  // Both answers occur: the fuzzer reaches past the parsers into starting runs.
  assert.ok((statuses.get(400) ?? 0) > 0 && (statuses.get(201) ?? 0) > 0, JSON.stringify([...statuses]));
});

test("property: random queries to a trained run's series and windows, and random labels names, are never a 500", async () => {
  const id = routeParams({ id: String(runId) });
  const labels = fc.constantFrom("- ok\nALERT x\n", `${Array.from({ length: 2000 }, (_, i) => (i === 9 ? "ALERT" : "-")).join("\n")}\n`, "\u0000\u0001binary", "");
  await fc.assert(
    fc.asyncProperty(queryString, fc.string({ unit: "binary", maxLength: 300 }), labels, async (query, name, text) => {
      await answered(await seriesRoute(new Request(`${BASE}/api/runs/${runId}/series?${query}`), id), query);
      await answered(await windowsRoute(new Request(`${BASE}/api/runs/${runId}/windows?${query}`), id), query);
      const put = new Request(`${BASE}/api/runs/${runId}/labels?name=${encodeURIComponent(name)}`, { method: "PUT", body: text });
      await answered(await putLabelsRoute(put, id), name);
    }),
    { numRuns: ROUTE_RUNS },
  );
});
