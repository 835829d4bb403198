// Browser end to end for issue #13: a page on another origin (the attacker's, on 127.0.0.2) makes
// Chromium send the requests any site can send without asking (multipart, text/plain and form
// posts need no CORS preflight), and a DNS-rebinding page reaches the app under its own name. The
// app (on 127.0.0.1) must refuse them all, and its API must show that nothing changed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import { launchChromium, screenshot, startDashboard, type Dashboard } from "./browser-env";

const LOG = resolve("logs/Linux_2k.log");
// A log of its own content, so that a forged upload would be stored as a second file.
const FORGED_LOG = `${readFileSync(LOG, "utf8").split("\n").slice(0, 300).join("\n")}\nforged line\n`;

interface RunAnswer {
  id: number;
  status: string;
  error?: string;
  logFile: { id: number; name: string };
}

let app: Dashboard;
let attacker: { base: string; server: Server; html: string };
const runs = { finished: 0, running: 0, queued: 0 };

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${app.base}${path}`);
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Starts a run the way curl or the CLI does (no Origin, no Sec-Fetch-Site): allowed. */
async function startRun(fields: Record<string, string>, withLog: boolean): Promise<number> {
  const form = new FormData();
  if (withLog) form.set("file", new Blob([readFileSync(LOG)]), "Linux_2k.log");
  for (const [name, value] of Object.entries({ year: "2005", ...fields })) form.set(name, value);
  const response = await fetch(`${app.base}/api/runs`, { method: "POST", body: form });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { id: number }).id;
}

async function waitForStatus(id: number, wanted: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = await getJson<RunAnswer>(`/api/runs/${id}`);
    if (run.status === wanted) return;
    assert.ok(run.status === "queued" || run.status === "running", `run ${id} ended ${run.status}: ${run.error}`);
    assert.ok(Date.now() < deadline, `run ${id} was not ${wanted} within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The id Next gave a server action in this build (the one a page on the web could find in its scripts). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName);
  assert.ok(found, `no server action ${exportedName} in the build`);
  return found[0];
}

/** The attacker's page: fires the forged requests at once, then writes what fetch said into the title. */
function attackPage(): string {
  const cfg = { app: app.base, ...runs, log: FORGED_LOG, cancelRun: actionId("cancelRun"), savePreset: actionId("savePreset") };
  return `<!doctype html><title>attack</title><script>
const cfg = ${JSON.stringify(cfg)};
const send = (path, init) => fetch(cfg.app + path, { mode: "no-cors", credentials: "include", ...init }).then(() => "sent", (e) => "failed " + e);
const action = (id, fields) => { const form = new FormData(); form.set("$ACTION_ID_" + id, ""); for (const [k, v] of Object.entries(fields)) form.set(k, v); return form; };
const upload = new FormData();
upload.set("file", new Blob([cfg.log], { type: "text/plain" }), "forged.log");
upload.set("year", "2005");
upload.set("epochs", "1");
Promise.all([
  send("/api/runs", { method: "POST", body: upload }),
  send("/api/runs/" + cfg.running + "/cancel", { method: "POST" }),
  send("/api/runs/" + cfg.queued + "/cancel", { method: "POST" }),
  send("/api/runs/" + cfg.finished + "/presets", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "forged", contamination: 0.3 }) }),
  send("/runs/new", { method: "POST", body: action(cfg.cancelRun, { runId: String(cfg.queued) }) }),
  send("/runs/" + cfg.finished, { method: "POST", body: action(cfg.savePreset, { runId: String(cfg.finished), name: "forged-action" }) }),
]).then((results) => { document.title = "done: " + results.join(", "); });
</script>`;
}

before(async () => {
  app = await startDashboard();
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(attacker.html));
  await new Promise<void>((done) => server.listen(0, "127.0.0.2", done));
  const address = server.address();
  assert.ok(address && typeof address === "object");
  attacker = { base: `http://127.0.0.2:${address.port}`, server, html: "" };
  // One finished run (for presets), one training for long (the job slot is taken) and one queued behind it.
  runs.finished = await startRun({ epochs: "1" }, true);
  await waitForStatus(runs.finished, "succeeded");
  const { logFile } = await getJson<RunAnswer>(`/api/runs/${runs.finished}`);
  runs.running = await startRun({ logFileId: String(logFile.id), epochs: "1000" }, false);
  runs.queued = await startRun({ logFileId: String(logFile.id), epochs: "1" }, false);
  await waitForStatus(runs.running, "running");
});

after(async () => {
  await new Promise((done) => attacker?.server.close(done));
  await app?.stop();
});

test("a page on another origin cannot start a run, cancel jobs, save presets or call server actions", async () => {
  const before = await getJson<{ total: number }>("/api/runs");
  attacker.html = attackPage();
  const page = await app.browser.newPage();
  const answers: string[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin === app.base) answers.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
  });
  await page.goto(attacker.base);
  await page.waitForFunction(() => document.title.startsWith("done"), null, { timeout: 30_000 });
  // The browser sent every request (fetch resolved, with an opaque answer)...
  assert.equal(await page.title(), `done: ${Array(6).fill("sent").join(", ")}`);
  await screenshot(page, "13-cross-origin-attacker");
  await page.close();
  // ...and the app refused each one, server actions included, with a 403 rather than Next's 500.
  const expected = [
    "POST /api/runs 403",
    `POST /api/runs/${runs.running}/cancel 403`,
    `POST /api/runs/${runs.queued}/cancel 403`,
    `POST /api/runs/${runs.finished}/presets 403`,
    "POST /runs/new 403",
    `POST /runs/${runs.finished} 403`,
  ];
  assert.deepEqual(answers.sort(), expected.sort());

  // Nothing changed: no run, no stored upload, no cancellation, no preset.
  const list = await getJson<{ total: number; runs: RunAnswer[] }>("/api/runs");
  assert.equal(list.total, before.total);
  assert.ok(!list.runs.some((run) => run.logFile.name === "forged.log"));
  assert.deepEqual(readdirSync(join(app.dataDir, "uploads")).filter((name) => name.endsWith(".log")).length, 1);
  assert.equal((await getJson<RunAnswer>(`/api/runs/${runs.running}`)).status, "running");
  assert.equal((await getJson<RunAnswer>(`/api/runs/${runs.queued}`)).status, "queued");
  assert.deepEqual((await getJson<{ presets: unknown[] }>(`/api/runs/${runs.finished}/presets`)).presets, []);
});

test("a DNS-rebinding page (attacker.example resolving to the app) reads nothing and changes nothing", async () => {
  const port = new URL(app.base).port;
  const rebound = `http://attacker.example:${port}`;
  // Chromium resolves attacker.example to the app's address, as a rebinding DNS server would.
  const browser = await launchChromium(["--host-resolver-rules=MAP attacker.example 127.0.0.1"]);
  try {
    const page = await browser.newPage();
    for (const path of ["/api/runs", `/api/runs/${runs.finished}`, `/api/runs/${runs.finished}/windows.csv`, "/"]) {
      const response = await page.goto(`${rebound}${path}`);
      assert.equal(response?.status(), 421, path);
      const body = JSON.parse(await page.innerText("body")) as { error: string };
      assert.equal(body.error, `This server does not answer to the host "attacker.example:${port}"; if that is one of its names, add it to ALLOWED_HOSTS.`);
    }
    // To the browser the page is the app's own origin, so it may post and read the answer.
    const answer = await page.evaluate(async () => {
      const form = new FormData();
      form.set("logFileId", "1");
      form.set("year", "2005");
      const response = await fetch("/api/runs", { method: "POST", body: form });
      return response.status;
    });
    assert.equal(answer, 421);
  } finally {
    await browser.close();
  }
  assert.equal((await getJson<{ total: number }>("/api/runs")).total, 3);
});

test("curl-like requests (no Origin, no Sec-Fetch-Site) still cancel jobs", async () => {
  for (const id of [runs.queued, runs.running]) {
    const response = await fetch(`${app.base}/api/runs/${id}/cancel`, { method: "POST" });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await getJson<RunAnswer>(`/api/runs/${id}`)).status, "cancelled");
  }
});
