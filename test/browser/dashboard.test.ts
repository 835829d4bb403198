// Browser end to end: the production build in headless Chromium, as an analyst would use it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { screenshot, startDashboard, waitForHydration, type Dashboard } from "./browser-env";

const LOG = resolve("logs/Linux_2k.log");
const SPEC_HEADER =
  "window_start,window_end,event_count,unique_messages,distinct_hosts,distinct_processes,avg_msg_length," +
  "failed_auth_count,invalid_user_count,entropy_tokens,isolation_forest_label,dbscan_label,autoencoder_label,ensemble_anomaly";

let app: Dashboard;
let runPath = "";

before(async () => {
  app = await startDashboard();
});

after(async () => {
  await app?.stop();
});

async function waitForRun(id: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = (await (await fetch(`${app.base}/api/runs/${id}`)).json()) as { status: string; error?: string };
    if (run.status === "succeeded") return;
    assert.ok(run.status === "queued" || run.status === "running", `run ${id} ended ${run.status}: ${run.error}`);
    assert.ok(Date.now() < deadline, `run ${id} did not finish in 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("an analyst uploads Linux_2k on New run, watches the job finish and lands on its timeline", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/new`);
  await page.setInputFiles('input[type="file"]', LOG);
  await page.getByText(/stored as log file/i).waitFor({ timeout: 60_000 });
  await page.locator("#param-year").fill("2005");
  await page.locator("#param-epochs").fill("5");
  // The contract's profile: the slider, export and compare tests below count its labels.
  await page.locator("#param-profile").selectOption("seed");
  await page.getByRole("button", { name: /Start detection/i }).click();
  await page.waitForURL(/\/runs\/\d+(\?|$)/, { timeout: 120_000 });
  runPath = new URL(page.url()).pathname;
  await page.getByText("Timeline", { exact: true }).first().waitFor();
  await page.locator("canvas").first().waitFor();
  await screenshot(page, "01-run-timeline");
  const counts = await page.locator('[aria-live="polite"]').first().innerText();
  assert.match(counts, /Windows\s*235/);
});

test("moving the contamination slider relabels from stored scores and changes the counts", async () => {
  const { page } = app;
  await page.goto(`${app.base}${runPath}`);
  const counts = page.locator('[aria-live="polite"]').first();
  await counts.waitFor();
  // The chart canvas is drawn on the client: once it is there the page has hydrated and the
  // slider's handlers are attached.
  await page.locator("canvas").first().waitFor();
  const before = await counts.innerText();
  const slider = page.getByLabel("IF contamination slider");
  for (let attempt = 0; ; attempt++) {
    const current = await counts.textContent();
    await slider.focus();
    await page.keyboard.press(attempt % 2 === 0 ? "End" : "Home");
    const changed = await page
      .waitForFunction((text) => document.querySelector('[aria-live="polite"]')?.textContent !== text, current, { timeout: 5_000 })
      .then(() => true, () => false);
    if (changed) break;
    assert.ok(attempt < 3, "the counts did not change after moving the slider");
  }
  const afterText = await counts.innerText();
  assert.notEqual(afterText, before);
  assert.match(afterText, /custom thresholds/);
  await page.waitForURL(/contamination=/);
  await screenshot(page, "02-run-slider-moved");
});

test("the timeline works from the keyboard: arrows select a window, the selection is announced, Enter opens it", async () => {
  const { page } = app;
  await page.goto(`${app.base}${runPath}`);
  const timeline = page.getByRole("application");
  await timeline.waitFor();
  await page.locator("canvas").first().waitFor();
  // Keys pressed before React attached its handlers are lost (a CI run once timed out here).
  await waitForHydration(page, '[role="application"]');
  await timeline.focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  // The announcement names the selected window, its time and its events (sr-only status text).
  const status = page.locator('p[role="status"]');
  await page.waitForFunction(() => /Window #1,/.test(document.querySelector('p[role="status"]')?.textContent ?? ""), null, { timeout: 10_000 });
  assert.match((await status.textContent()) ?? "", /^Window #1, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: \d+ events?/);
  // Enter at once, inside the 250 ms rest before the selection reaches the address bar: the
  // pending address is written first, so the late replaceState cannot cancel the navigation.
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/runs\/\d+\/windows\/1(\?|$)/, { timeout: 20_000 });
  // Back on the run page, the address still holds the selection.
  await page.goBack();
  await page.waitForURL(/\/runs\/\d+\?(.*&)?w=1(&|$)/, { timeout: 20_000 });
});

test("a window opens from the table and shows its raw log lines", async () => {
  const { page } = app;
  await page.goto(`${app.base}${runPath}`);
  const windowLink = page.locator('a[href*="/windows/"]').first();
  await windowLink.waitFor();
  await windowLink.click();
  await page.waitForURL(/\/windows\/\d+/);
  await page.getByText("Raw log lines", { exact: true }).first().waitFor();
  const lines = page.locator("table.font-mono tbody tr");
  await lines.first().waitFor({ timeout: 20_000 });
  assert.ok((await lines.count()) > 0);
  assert.match(await lines.first().innerText(), /^\s*\d+\s+\w{3}\s+\d+ \d\d:\d\d:\d\d combo /);
  await screenshot(page, "03-window-raw-lines");
});

test("the export link downloads the current labels as the docs/pipeline.md §6 CSV", async () => {
  const { page } = app;
  await page.goto(`${app.base}${runPath}?contamination=0.1`);
  const link = page.getByRole("link", { name: /Export CSV/i });
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert.ok(href?.includes("contamination=0.1"), href ?? "no href");
  const response = await page.request.get(new URL(href as string, app.base).toString());
  assert.equal(response.status(), 200);
  const [header, ...rows] = (await response.text()).trim().split("\n");
  assert.ok(header?.startsWith(SPEC_HEADER), header);
  assert.equal(rows.length, 235);
  await screenshot(page, "04-run-export");
});

test("two runs of the same file compare side by side", async () => {
  const { page } = app;
  const first = runPath.split("/").pop() as string;
  const run = (await (await fetch(`${app.base}/api/runs/${first}`)).json()) as { logFile: { id: number } };
  const form = new FormData();
  form.set("logFileId", String(run.logFile.id));
  form.set("profile", "seed");
  form.set("year", "2005");
  form.set("epochs", "5");
  form.set("eps", "1");
  form.set("votes", "1");
  const created = await fetch(`${app.base}/api/runs`, { method: "POST", body: form });
  assert.equal(created.status, 201);
  const second = String(((await created.json()) as { id: number }).id);
  await waitForRun(second);
  await page.goto(`${app.base}/compare?a=${first}&b=${second}`);
  await page.getByText("Parameters", { exact: true }).first().waitFor();
  const text = await page.locator("main").innerText();
  assert.match(text, /DBSCAN eps\s+0\.5\s+1/);
  assert.match(text, /Ensemble votes\s+2\s+1/);
  assert.match(text, /Flagged by B, not by A\s+[1-9]/);
  await screenshot(page, "05-compare");
});
