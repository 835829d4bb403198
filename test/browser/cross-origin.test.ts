// Browser end to end for issue #13: a page on another origin (the attacker's, on 127.0.0.2) makes
// Chromium send the requests any site can send without asking (multipart, text/plain and form
// posts need no CORS preflight), and a DNS-rebinding page reaches the app under its own name. The
// app (on 127.0.0.1) must refuse them all, and its API must show that nothing changed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import { getJson, launchChromium, screenshot, startDashboard, type Dashboard } from "./browser-env";
import { startLongTrainingRun } from "./long-training-run";

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
    const run = await getJson<RunAnswer>(app.base, `/api/runs/${id}`);
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

/**
 * The exact request the run page sends to save a preset (a server action), captured in the app's
 * own page and stopped before it reaches the server, for a rebinding page to send again.
 */
async function capturedPresetAction(): Promise<{ path: string; headers: Record<string, string>; body: string }> {
  const page = await app.browser.newPage();
  try {
    const captured = new Promise<{ path: string; headers: Record<string, string>; body: string }>((done) => {
      void page.route("**/*", async (route) => {
        const request = route.request();
        const action = request.headers()["next-action"];
        if (request.method() !== "POST" || action === undefined) return route.continue();
        const { "content-type": contentType = "", accept = "" } = request.headers();
        done({ path: new URL(request.url()).pathname, headers: { "next-action": action, "content-type": contentType, accept }, body: request.postData() ?? "" });
        return route.abort();
      });
    });
    await page.goto(`${app.base}/runs/${runs.finished}`);
    await page.fill("#preset-name", "rebound-preset");
    await page.getByRole("button", { name: "Save preset" }).click();
    return await captured;
  } finally {
    await page.close();
  }
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
  // logs.example is one of the app's names (a proxy's, say): pages under it may upload any size.
  app = await startDashboard({ ALLOWED_HOSTS: "logs.example" });
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(attacker.html));
  await new Promise<void>((done) => server.listen(0, "127.0.0.2", done));
  const address = server.address();
  assert.ok(address && typeof address === "object");
  attacker = { base: `http://127.0.0.2:${address.port}`, server, html: "" };
  // One finished run (for presets), one training for long (the job slot is taken) and one queued behind it.
  runs.finished = await startRun({ epochs: "1" }, true);
  await waitForStatus(runs.finished, "succeeded");
  const { logFile } = await getJson<RunAnswer>(app.base, `/api/runs/${runs.finished}`);
  runs.running = await startLongTrainingRun(app.base);
  runs.queued = await startRun({ logFileId: String(logFile.id), epochs: "1" }, false);
  await waitForStatus(runs.running, "running");
});

after(async () => {
  await new Promise((done) => attacker?.server.close(done));
  await app?.stop();
});

test("a page on another origin cannot start a run, cancel jobs, save presets or call server actions", async () => {
  const before = await getJson<{ total: number }>(app.base, "/api/runs");
  const storedLogs = () => readdirSync(join(app.dataDir, "uploads")).filter((name) => name.endsWith(".log")).length;
  const logsBefore = storedLogs();
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
  const list = await getJson<{ total: number; runs: RunAnswer[] }>(app.base, "/api/runs");
  assert.equal(list.total, before.total);
  assert.ok(!list.runs.some((run) => run.logFile.name === "forged.log"));
  assert.equal(storedLogs(), logsBefore);
  assert.equal((await getJson<RunAnswer>(app.base, `/api/runs/${runs.running}`)).status, "running");
  assert.equal((await getJson<RunAnswer>(app.base, `/api/runs/${runs.queued}`)).status, "queued");
  assert.deepEqual((await getJson<{ presets: unknown[] }>(app.base, `/api/runs/${runs.finished}/presets`)).presets, []);
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
    // To the browser the page is the app's own origin, so it may post and read the answers. Posts
    // with a body skip the middleware (middleware.ts's matcher): each handler refuses them itself.
    const ids = { cancelRun: actionId("cancelRun"), savePreset: actionId("savePreset") };
    // A script in the page's own words (tsx would wrap named functions in a helper the page lacks).
    const replay = await capturedPresetAction();
    const cfg = JSON.stringify({ ...runs, ...ids, replay });
    const answers = await page.evaluate<string[]>(`(async () => {
      const cfg = ${cfg};
      const form = (fields) => { const body = new FormData(); for (const [k, v] of Object.entries(fields)) body.set(k, v); return body; };
      const post = (path, init) => fetch(path, { method: "POST", ...init }).then((r) => path + " " + r.status);
      return Promise.all([
        post("/api/runs", { body: form({ logFileId: "1", year: "2005" }) }),
        post("/api/uploads", { body: form({ file: "Jun 14 15:16:01 combo sshd[1]: forged" }) }),
        post("/api/runs/" + cfg.queued + "/cancel", {}),
        post("/api/runs/" + cfg.finished + "/presets", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "forged", contamination: 0.3 }) }),
        post("/runs/new", { body: form({ ["$ACTION_ID_" + cfg.cancelRun]: "", runId: String(cfg.queued) }) }),
        post("/runs/" + cfg.finished, { headers: { "next-action": cfg.savePreset }, body: form({ runId: String(cfg.finished), name: "forged-action" }) }),
        post(cfg.replay.path, { headers: cfg.replay.headers, body: cfg.replay.body }),
      ]);
    })()`);
    assert.deepEqual(answers.slice(0, 4), ["/api/runs 421", "/api/uploads 421", `/api/runs/${runs.queued}/cancel 421`, `/api/runs/${runs.finished}/presets 421`]);
  } finally {
    await browser.close();
  }
  // The server actions answered in their own way (an action state, a not-found page), and did nothing.
  const list = await getJson<{ total: number; runs: RunAnswer[] }>(app.base, "/api/runs");
  assert.equal(list.total, 3);
  assert.equal((await getJson<RunAnswer>(app.base, `/api/runs/${runs.queued}`)).status, "queued");
  assert.deepEqual((await getJson<{ presets: unknown[] }>(app.base, `/api/runs/${runs.finished}/presets`)).presets, []);
});

test("a page under a name from ALLOWED_HOSTS uploads a log larger than the 10 MiB a middleware would copy", async () => {
  const port = new URL(app.base).port;
  const browser = await launchChromium(["--host-resolver-rules=MAP logs.example 127.0.0.1"]);
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://logs.example:${port}/api/runs`);
    assert.equal(response?.status(), 200);
    const text = readFileSync(LOG, "utf8");
    const copies = Math.ceil((12 * 1024 * 1024) / text.length);
    const answer = await page.evaluate(
      async ({ text, copies }) => {
        const form = new FormData();
        form.set("file", new Blob(Array.from({ length: copies }, () => text), { type: "text/plain" }), "big.log");
        const response = await fetch("/api/uploads", { method: "POST", body: form });
        return { status: response.status, body: (await response.json()) as { lines?: number; size?: number } };
      },
      { text, copies },
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.size, text.length * copies);
    assert.ok(text.length * copies > 12 * 1024 * 1024 - 1);
  } finally {
    await browser.close();
  }
});

test("curl-like requests (no Origin, no Sec-Fetch-Site) still cancel jobs", async () => {
  for (const id of [runs.queued, runs.running]) {
    const response = await fetch(`${app.base}/api/runs/${id}/cancel`, { method: "POST" });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await getJson<RunAnswer>(app.base, `/api/runs/${id}`)).status, "cancelled");
  }
});
