// Browser end to end for issue #17's live run page: a stream's run, fed from this process with the
// real engine (LiveStream, on the server's own database and data folder), grows on an open page
// (windows, counts), announces new anomalies, stops growing while paused, opens its window pages,
// is listed and compared as a live run, passes axe, and shows the finished run once the stream stops.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { createStream } from "@/lib/db/create-stream";
import { closeDb } from "@/lib/db/client";
import { LiveStream } from "@/lib/live/live-stream";
import { screenshot, startDashboard, type Dashboard } from "./browser-env";
import { storeTrainedRun } from "../live/trained-run";

const AXE = resolve("node_modules/axe-core/axe.min.js");

let app: Dashboard;
let live: LiveStream;
let runId = 0;
let modelRunId = 0;
let batches: Buffer[] = [];
let next = 0;

/** Linux_2k's lines in batches of `size` whole lines. */
function split(text: string, size: number): Buffer[] {
  const lines = text.split(/(?<=\n)/);
  const out: Buffer[] = [];
  for (let i = 0; i < lines.length; i += size) out.push(Buffer.from(lines.slice(i, i + size).join("")));
  return out;
}

/** Appends batches until one closes a window (and, with `anomaly`, until one closes a flagged window). */
async function appendUntilWindows(anomaly = false): Promise<void> {
  while (next < batches.length) {
    const outcome = await live.append(batches[next++] as Buffer);
    if (outcome.windowsClosed > 0 && (!anomaly || outcome.anomalies > 0)) return;
  }
  throw new Error("the log ended before a window closed");
}

const apiWindowCount = async () => ((await (await fetch(`${app.base}/api/runs/${runId}`)).json()) as { windowCount: number }).windowCount;

/** The Windows figure the page shows. */
async function shownWindowCount(page: Page): Promise<number> {
  const text = await page.locator('div:text-is("Windows") + div').first().textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}

async function waitForShownCount(page: Page, count: number, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await shownWindowCount(page)) !== count) {
    if (Date.now() > deadline) throw new Error(`the page shows ${await shownWindowCount(page)} windows, not ${count}`);
    await page.waitForTimeout(250);
  }
}

before(async () => {
  app = await startDashboard();
  // This process writes the server's own store: the same database and folders.
  process.env.DATA_DIR = app.dataDir;
  process.env.MODELS_DIR = join(app.dataDir, "models");
  process.env.DATABASE_URL = `file:${join(app.dataDir, "logscope.db")}`;
  const log = resolve("logs/Linux_2k.log");
  ({ runId: modelRunId } = await storeTrainedRun(log, { year: 2005, epochs: 3 }));
  // An hour of lateness: Linux_2k jumps days between records, and no window may close before its records came.
  const created = await createStream({ name: "linux-live", source: "http", sourceConfig: null, modelRunId, ownerId: null, lateness: 3600, year: 2005 });
  runId = created.run.id;
  live = await LiveStream.open(created.stream.id);
  batches = split(await readFile(log, "utf8"), 40);
  await appendUntilWindows();
});

after(async () => {
  await live?.close();
  await closeDb();
  await app?.stop();
});

test("the live run page grows as windows close, announces new anomalies, and stands still while paused", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  await page.locator("canvas").first().waitFor({ state: "attached" });
  await page.getByText("Live", { exact: true }).first().waitFor();
  await page.getByText("Live run: each window is labelled by the model's thresholds").waitFor();
  assert.equal(await page.locator('input[type="range"]').first().isDisabled(), true, "the sliders wait while the run is live");
  await waitForShownCount(page, await apiWindowCount());

  await appendUntilWindows(true);
  const grown = await apiWindowCount();
  await waitForShownCount(page, grown);
  const announcement = page.getByTestId("live-announcement");
  await announcement.filter({ hasText: /new anomal(y|ies): \d{4}-\d\d-\d\d/ }).waitFor({ timeout: 10_000 });
  assert.equal(await announcement.getAttribute("aria-live"), "polite");
  // The table (ensemble filter) follows: the flagged window that was announced is listed.
  await page.getByText(/^[1-9][0-9]* windows? match(es)? · click a row/).waitFor({ timeout: 10_000 });
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await screenshot(page, "live-run-page");

  const pause = page.getByRole("button", { name: "Pause updates" });
  await pause.click();
  await page.getByRole("button", { name: "Resume updates", pressed: true }).waitFor();
  await appendUntilWindows();
  assert.ok((await apiWindowCount()) > grown);
  // Three poll periods: nothing moves while paused.
  await page.waitForTimeout(6_000);
  assert.equal(await shownWindowCount(page), grown, "a paused page does not grow");

  await page.getByRole("button", { name: "Resume updates" }).click();
  await page.getByRole("button", { name: "Pause updates", pressed: false }).waitFor();
  await waitForShownCount(page, await apiWindowCount());
});

test("a live run's window page opens, the Runs page lists it live with its stream, and it can be compared", async () => {
  const { page } = app;
  const flagged = (await (await fetch(`${app.base}/api/runs/${runId}/windows?filter=ensemble&pageSize=1`)).json()) as { windows: { index: number }[] };
  const index = flagged.windows[0]?.index ?? 0;
  await page.goto(`${app.base}/runs/${runId}/windows/${index}`);
  await page.getByText(`Window #${index} of`).waitFor();
  await page.locator("table.font-mono tbody tr").first().waitFor({ timeout: 20_000 });

  await page.goto(`${app.base}/`);
  const row = page.locator("tr", { hasText: "linux-live" });
  await row.getByText("Live", { exact: true }).waitFor();
  const streams = page.getByRole("region", { name: "Streams" });
  assert.equal(await streams.getByRole("link", { name: "linux-live" }).getAttribute("href"), `/runs/${runId}`);
  assert.match((await streams.textContent()) ?? "", /HTTP ingest/);

  // The run's API reads work on a live run too: the export (one row per window so far) and the k-distance curve.
  const csv = await (await fetch(`${app.base}/api/runs/${runId}/windows.csv`)).text();
  assert.equal(csv.trim().split("\n").length, (await apiWindowCount()) + 1);
  assert.equal((await fetch(`${app.base}/api/runs/${runId}/k-distance`)).status, 200);

  await page.goto(`${app.base}/compare?a=${modelRunId}&b=${runId}`);
  await page.getByText("Parameters", { exact: true }).first().waitFor();
});

test("the per-host lanes of a live run are counted from its stream's log", async () => {
  const hosts = await fetch(`${app.base}/api/runs/${runId}/hosts`);
  assert.equal(hosts.status, 200, await hosts.clone().text());
  assert.equal(((await hosts.json()) as { missing: string | null }).missing, null);
});

for (const width of [1440, 390]) test(`axe-core finds no serious or critical violation on the live run page, which does not scroll sideways, at ${width} px`, async () => {
  const page = await app.browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
  try {
    await page.goto(`${app.base}/runs/${runId}`);
    await page.locator("canvas").first().waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await page.addScriptTag({ path: AXE });
    const serious = await page.evaluate(async () => {
      type Node = { target: unknown[]; html: string };
      const { axe } = window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact?: string | null; nodes: Node[] }[] }> } };
      const results = await axe.run(document, { resultTypes: ["violations"] });
      return results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.map(String).join(" ")} ${n.html.slice(0, 160)}`).join(" | ")}`);
    });
    assert.deepEqual(serious, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls ${overflow} px sideways`);
  } finally {
    await page.close();
  }
});

test("once the stream stops, the page shows the finished run", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  await page.getByRole("button", { name: "Pause updates" }).waitFor();
  await live.stop();
  await page.getByText("Succeeded", { exact: true }).first().waitFor({ timeout: 10_000 });
  await page.getByText(/Stream “linux-live” \(stopped\)/).waitFor();
  assert.equal(await page.locator('input[type="range"]').first().isDisabled(), false, "the sliders relabel a finished stream's run");
  await waitForShownCount(page, await apiWindowCount());
});
