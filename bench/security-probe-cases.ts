// The HTTP cases of issue #13 that a client on loopback can try against a running server, each sent
// exactly as the audit (or a browser on another site) sent it, judged by the refusal #13 asks for:
// 403/421/413/400/405 with the API's JSON error sentence, or a bounded answer time.
import { multipart, runStatus, send, startRunOfStoredLog, type Answer, type Sent } from "./security-probe-http";
import { excerpt, refusalRow, type Row } from "./security-probe-report";

export interface ProbeRun {
  /** A finished run of logs/Linux_2k.log. */
  runId: number;
  logFileId: number;
  log: Buffer;
}

const EVIL = "http://evil.example";
const CROSS_SITE = { origin: EVIL, "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" };
const JSON_TYPE = { "content-type": "application/json" };

/** Bound on the k-distance refusal: a check of the query, nothing computed. */
const K_DISTANCE_MAX_MS = 2000;
const BIG_JSON_BYTES = 20 * 1024 * 1024;

async function crossSite(base: URL, probe: ProbeRun): Promise<Row[]> {
  const rows: Row[] = [];
  const form = multipart([
    { name: "year", value: "2005" },
    { name: "file", filename: "Linux_2k.log", content: probe.log, type: "text/plain" },
  ]);
  const upload = await send(base, { method: "POST", path: "/api/runs", headers: { ...CROSS_SITE, "content-type": form.contentType }, body: form.body });
  rows.push(refusalRow("1a", "cross-site multipart POST /api/runs (file Linux_2k.log, year) with Origin evil.example, Sec-Fetch-Site cross-site", upload, [403]));

  // A run that is still queued or running, started the ordinary way, for the forged cancel to hit.
  const active = await startRunOfStoredLog(base, probe.logFileId);
  const cancel = await send(base, { method: "POST", path: `/api/runs/${active}/cancel`, headers: CROSS_SITE });
  const cancelRow = refusalRow("1b", `cross-site POST /api/runs/${active}/cancel (a queued/running run) with Origin evil.example, Sec-Fetch-Site cross-site`, cancel, [403]);
  cancelRow.why += `; run ${active} afterwards: ${await runStatus(base, active)}`;
  rows.push(cancelRow);

  const preset = await send(base, {
    method: "POST",
    path: `/api/runs/${probe.runId}/presets`,
    headers: { ...CROSS_SITE, "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify({ name: "cross-site" }),
  });
  rows.push(refusalRow("1c", `cross-site text/plain POST /api/runs/${probe.runId}/presets {"name":"cross-site"}`, preset, [403]));

  // A forged server action: Next checks Origin against Host itself, but answered with a 500.
  const action = await send(base, {
    method: "POST",
    path: "/",
    headers: { ...CROSS_SITE, "next-action": "0".repeat(42), accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    body: "[]",
  });
  rows.push(refusalRow("1d", "cross-site server action POST / (Next-Action header) with Origin evil.example", action, [403]));
  return rows;
}

async function limits(base: URL, probe: ProbeRun): Promise<Row[]> {
  const rows: Row[] = [];
  const rebinding = await send(base, { method: "GET", path: "/api/runs", headers: { host: "attacker.example" } });
  rows.push(refusalRow("2", "GET /api/runs with Host: attacker.example (DNS rebinding)", rebinding, [421, 403, 400]));

  const kDistance = await send(base, { method: "GET", path: `/api/runs/${probe.runId}/k-distance?minSamples=10000`, timeoutMs: 120_000 });
  rows.push(refusalRow("4", `GET /api/runs/${probe.runId}/k-distance?minSamples=10000 (bound ${K_DISTANCE_MAX_MS} ms)`, kDistance, [400], K_DISTANCE_MAX_MS));

  const padding = "a".repeat(BIG_JSON_BYTES);
  const big = await send(base, {
    method: "POST",
    path: `/api/runs/${probe.runId}/presets`,
    headers: JSON_TYPE,
    body: `{"name":"big","padding":"${padding}"}`,
  });
  rows.push(refusalRow("5", `POST /api/runs/${probe.runId}/presets, JSON body of 20 MiB ({"name":"big","padding":"aaa…"})`, big, [413]));
  return rows;
}

async function strictInput(base: URL, probe: ProbeRun): Promise<Row[]> {
  const rows: Row[] = [];
  const labelsPath = (name: string) => `/api/runs/${probe.runId}/labels?name=${encodeURIComponent(name)}`;
  const labelsBody = "2005-06-14T00:00:00Z,1\n";
  for (const [id, name, shown] of [
    ["6a", "字".repeat(100), '100 × "字" (300 bytes)'],
    ["6b", "..", ".."],
    ["6c", ".", "."],
  ] as const) {
    const answer = await send(base, { method: "PUT", path: labelsPath(name), headers: { "content-type": "text/plain" }, body: labelsBody });
    rows.push(refusalRow(id, `PUT /api/runs/${probe.runId}/labels?name=${shown} (raw labels body)`, answer, [400]));
  }

  const fields = [{ name: "logFileId", value: String(probe.logFileId) }];
  for (let i = 2; i <= 151; i++) fields.push({ name: `extra${i}`, value: "x" });
  fields.push({ name: "year", value: "2005" });
  const form = multipart(fields);
  const many = await send(base, { method: "POST", path: "/api/runs", headers: { "content-type": form.contentType }, body: form.body });
  rows.push(refusalRow("6d", "multipart POST /api/runs with 152 fields (logFileId first, year as field 152)", many, [400]));

  for (const [id, body] of [
    ["6e", { logFileId: probe.logFileId, votes: true }],
    ["6f", { logFileId: probe.logFileId, window: [5] }],
    ["6g", { logFileId: [probe.logFileId] }],
  ] as const) {
    const text = JSON.stringify(body);
    const answer = await send(base, { method: "POST", path: "/api/runs", headers: JSON_TYPE, body: text });
    rows.push(refusalRow(id, `JSON POST /api/runs ${text}`, answer, [400]));
  }

  const part = await send(base, { method: "GET", path: `/api/runs/${probe.runId}/series?part=xyz` });
  rows.push(refusalRow("6h", `GET /api/runs/${probe.runId}/series?part=xyz`, part, [400]));

  const methods: [string, Sent][] = [
    ["6i", { method: "PUT", path: "/api/runs", headers: JSON_TYPE, body: "{}" }],
    ["6j", { method: "DELETE", path: `/api/runs/${probe.runId}/presets` }],
  ];
  for (const [id, sent] of methods) {
    const answer = await send(base, sent);
    rows.push(refusalRow(id, `${sent.method} ${sent.path} (method not offered: 405 with a JSON body)`, answer, [405]));
  }
  return rows;
}

const headerText = (answer: Answer, name: string): string => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
};

/** #13's headers: a CSP, framing refused (frame-ancestors or X-Frame-Options), nosniff and a Referrer-Policy. */
function headersRow(id: string, sent: string, answer: Answer): Row {
  const csp = headerText(answer, "content-security-policy");
  const frame = /frame-ancestors\s+'none'/.test(csp) ? "frame-ancestors 'none'" : headerText(answer, "x-frame-options");
  const found = {
    CSP: csp !== "",
    "frame-ancestors/X-Frame-Options": frame !== "",
    nosniff: /nosniff/i.test(headerText(answer, "x-content-type-options")),
    "Referrer-Policy": headerText(answer, "referrer-policy") !== "",
  };
  const missing = Object.entries(found).filter(([, present]) => !present).map(([name]) => name);
  const shown =
    `csp=${csp ? "yes" : "no"} frame=${frame || "no"} nosniff=${found.nosniff ? "yes" : "no"} ` +
    `referrer=${headerText(answer, "referrer-policy") || "no"}`;
  return {
    id,
    sent,
    status: String(answer.status || "none"),
    ms: answer.ms,
    answer: excerpt(shown),
    verdict: missing.length === 0 && answer.status !== 0 ? "handled" : "NOT handled",
    why: missing.length === 0 ? "all four headers present" : `missing: ${missing.join(", ")}`,
  };
}

async function headers(base: URL): Promise<Row[]> {
  const page = await send(base, { method: "GET", path: "/" });
  const api = await send(base, { method: "GET", path: "/api/runs" });
  return [headersRow("8a", "GET / (dashboard page): security headers", page), headersRow("8b", "GET /api/runs: security headers", api)];
}

/** Every HTTP case, in the order; cases that start runs come last among their kind. */
export async function httpCases(base: URL, probe: ProbeRun): Promise<Row[]> {
  return [...(await crossSite(base, probe)), ...(await limits(base, probe)), ...(await strictInput(base, probe)), ...(await headers(base))];
}
