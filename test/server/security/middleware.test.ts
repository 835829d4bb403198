// middleware.ts in front of the route handlers, called in-process with forged headers: what a
// browser on another site, a rebinding page and curl each get.
import { after, afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { middleware } from "@/middleware";
import { POST as postRun } from "@/app/api/runs/route";
import { GET as getRunRoute } from "@/app/api/runs/[id]/route";
import { POST as cancelRoute } from "@/app/api/runs/[id]/cancel/route";
import { GET as listPresetsRoute, POST as savePresetRoute } from "@/app/api/runs/[id]/presets/route";
import { listRuns } from "@/lib/db/list-runs";
import { CROSS_SITE_REFUSAL } from "@/lib/server/security/check-request-origin";
import { LINUX_2K, useJobsEnvironment } from "../../jobs/job-test-env";
import { routeParams } from "../api/api-test-env";
import { assertOneSentence } from "../http/one-sentence";

const env = useJobsEnvironment("logscope-security-");
after(env.cleanup);
process.env.HOST = "127.0.0.1";
process.env.PORT = "3000";
afterEach(() => {
  delete process.env.ALLOWED_HOSTS;
});

const APP = "127.0.0.1:3000";
const ATTACKER = "http://127.0.0.2:4000";
const LOG = readFileSync(LINUX_2K);

type Handler = (request: Request) => Promise<Response>;

/** A request as it reaches the server: Host is the app's unless `headers` names another. */
function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}): NextRequest {
  return new NextRequest(`http://${APP}${path}`, { method: init.method ?? "GET", headers: { host: APP, ...init.headers }, body: init.body });
}

/** What the server answers: the middleware's refusal, or the route's answer when it lets the request on. */
async function serve(incoming: NextRequest, handler: Handler): Promise<Response> {
  // Next hands the middleware a copy of the body and the route the original.
  const answer = await middleware(new NextRequest(incoming.clone()));
  return answer.headers.get("x-middleware-next") === "1" ? handler(incoming) : answer;
}

const unreachable: Handler = async () => assert.fail("the request reached the route");
const logForm = (fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set("file", new Blob([LOG]), "Linux_2k.log");
  for (const [name, value] of Object.entries({ year: "2005", epochs: "1", ...fields })) form.set(name, value);
  return form;
};
const runCount = async () => (await listRuns()).total;
const storedUploads = () => (existsSync(env.uploadsDir) ? readdirSync(env.uploadsDir).filter((f) => f.endsWith(".log")) : []);
const byId = (id: number) => routeParams({ id: String(id) });

async function assertJsonError(response: Response, status: number, message?: string): Promise<void> {
  assert.equal(response.status, status);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  const body = (await response.json()) as { error?: unknown };
  assert.deepEqual(Object.keys(body), ["error"]);
  assertOneSentence(body.error);
  if (message !== undefined) assert.equal(body.error, message);
}

async function startRun(headers: Record<string, string> = {}): Promise<number> {
  const response = await serve(request("/api/runs", { method: "POST", headers, body: logForm() }), postRun);
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { id: number }).id;
}

const runStatus = async (id: number) => ((await (await getRunRoute(request(`/api/runs/${id}`), byId(id))).json()) as { status: string }).status;

test("a cross-site multipart POST /api/runs is a 403 in the API's error shape, and nothing is stored", async () => {
  const forged = request("/api/runs", { method: "POST", headers: { "sec-fetch-site": "cross-site", origin: ATTACKER }, body: logForm() });
  await assertJsonError(await serve(forged, unreachable), 403, CROSS_SITE_REFUSAL);
  // An older browser sends no Sec-Fetch-Site: its Origin gives the request away.
  const older = request("/api/runs", { method: "POST", headers: { origin: ATTACKER }, body: logForm() });
  await assertJsonError(await serve(older, unreachable), 403, CROSS_SITE_REFUSAL);
  assert.equal(await runCount(), 0);
  assert.deepEqual(storedUploads(), []);
});

test("curl (neither header) and the app's own pages (same-origin) start runs", async () => {
  await startRun();
  await startRun({ "sec-fetch-site": "same-origin", origin: `http://${APP}` });
  await startRun({ origin: `http://${APP}` });
  assert.equal(await runCount(), 3);
});

test("a forged cancel and a text/plain preset are refused before their routes run; the run is untouched", async () => {
  const id = await startRun();
  const forgeries: Record<string, string>[] = [
    { "sec-fetch-site": "cross-site", origin: ATTACKER },
    { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:4000" },
    { origin: "null" },
  ];
  for (const headers of forgeries) {
    await assertJsonError(await serve(request(`/api/runs/${id}/cancel`, { method: "POST", headers }), (r) => cancelRoute(r, byId(id))), 403);
    const preset = request(`/api/runs/${id}/presets`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain" },
      body: JSON.stringify({ name: "forged", contamination: 0.2 }),
    });
    await assertJsonError(await serve(preset, (r) => savePresetRoute(r, byId(id))), 403);
  }
  assert.equal(await runStatus(id), "queued");
  const presets = (await (await listPresetsRoute(request(`/api/runs/${id}/presets`), byId(id))).json()) as { presets: unknown[] };
  assert.deepEqual(presets.presets, []);
  // The same cancel from curl goes through.
  const cancelled = await serve(request(`/api/runs/${id}/cancel`, { method: "POST" }), (r) => cancelRoute(r, byId(id)));
  assert.equal(cancelled.status, 200);
  assert.equal(await runStatus(id), "cancelled");
});

test("a forged server action is a 403 JSON, whether fetched with Next-Action or posted as a plain form", async () => {
  const fetched = request("/runs/1", {
    method: "POST",
    headers: { "next-action": "7f3a9c", "sec-fetch-site": "cross-site", origin: ATTACKER, "content-type": "text/plain;charset=UTF-8" },
    body: '[{"runId":"1"}]',
  });
  await assertJsonError(await serve(fetched, unreachable), 403, CROSS_SITE_REFUSAL);
  // Before hydration a <form action={serverAction}> posts its action id as a field, with no header.
  const form = new FormData();
  form.set("$ACTION_ID_7f3a9c", "");
  form.set("runId", "1");
  await assertJsonError(await serve(request("/", { method: "POST", headers: { origin: ATTACKER }, body: form }), unreachable), 403, CROSS_SITE_REFUSAL);
  // Reading a page stays open to links from anywhere.
  const linked = await middleware(request("/runs/1", { headers: { "sec-fetch-site": "cross-site" } }));
  assert.equal(linked.headers.get("x-middleware-next"), "1");
});

test("Host: attacker.example (DNS rebinding) is refused on the API, pages and assets, reads included", async () => {
  for (const path of ["/api/runs", "/api/runs/1", "/", "/runs/1", "/_next/static/chunks/main.js"]) {
    const response = await serve(request(path, { headers: { host: "attacker.example:3000" } }), unreachable);
    await assertJsonError(response, 421);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  }
  await assertJsonError(await serve(request("/api/runs", { method: "POST", headers: { host: "attacker.example" }, body: logForm() }), unreachable), 421);
  assert.equal((await middleware(request("/api/runs", { headers: { host: "localhost:3000" } }))).headers.get("x-middleware-next"), "1");
});

test("ALLOWED_HOSTS lets a proxy's name in, and same-origin requests through it pass", async () => {
  const proxied = { host: "logs.example.com", "x-forwarded-proto": "https" };
  await assertJsonError(await serve(request("/api/runs", { headers: proxied }), unreachable), 421);
  process.env.ALLOWED_HOSTS = "logs.example.com";
  const before = await runCount();
  await startRun({ ...proxied, origin: "https://logs.example.com" });
  assert.equal(await runCount(), before + 1);
  await assertJsonError(await serve(request("/api/runs", { method: "POST", headers: { ...proxied, origin: "http://logs.example.com" }, body: logForm() }), unreachable), 403);
  // No size limit through the proxy's name: such a body skips the middleware (its matcher), and
  // nothing here would refuse it (test/browser/cross-origin.test.ts uploads 12 MiB that way).
  const big = request("/api/uploads", { method: "POST", headers: { ...proxied, "sec-fetch-site": "same-origin", "content-length": String(11 * 1024 * 1024) } });
  assert.equal((await middleware(big)).headers.get("x-middleware-next"), "1");
});

test("every answer carries the security headers, and Next is handed the same CSP, with a fresh nonce each time", async () => {
  const seen = new Set<string>();
  const answers = [await middleware(request("/")), await middleware(request("/")), await middleware(request("/", { headers: { host: "attacker.example" } }))];
  for (const answer of answers) {
    assert.equal(answer.headers.get("x-frame-options"), "DENY");
    assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
    assert.equal(answer.headers.get("referrer-policy"), "same-origin");
    const csp = answer.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/);
    seen.add(csp);
  }
  assert.equal(seen.size, 3);
  const passed = await middleware(request("/"));
  assert.equal(passed.headers.get("x-middleware-request-content-security-policy"), passed.headers.get("content-security-policy"));
});
