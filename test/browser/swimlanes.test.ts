// Browser end to end for issue #16 (part): the severity swimlanes under the run page's timeline.
// A click on a cell selects its window (the timeline's selection and the URL's w=), the keyboard
// does the same, the per-host lanes open on the bundled example log, the timeline describes itself,
// a score can be plotted as its series, and on a phone the lanes fit and pass axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { ARTIFACTS, createLinuxRuns, getJson, screenshot, startDashboard, type Dashboard } from "./browser-env";

let app: Dashboard;
let runId = 0;

before(async () => {
  app = await startDashboard();
  [runId] = (await createLinuxRuns(app.base, 1)) as [number];
});

after(async () => {
  await app?.stop();
});

/** The selected window's index from the URL (w=), or null. */
const selectedOf = (url: string): number | null => {
  const w = new URL(url).searchParams.get("w");
  return w === null ? null : Number(w);
};

test("a swimlane click selects the cell's most severe window, shown under the timeline and in the URL", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  const lanes = page.getByRole("grid", { name: /^Severity per model/ });
  const ensembleCells = lanes.getByRole("row").first().locator("[data-window]");
  await ensembleCells.first().waitFor({ timeout: 30_000 });
  assert.equal(await lanes.getByRole("row").count(), 4, "ensemble, Isolation Forest, DBSCAN and autoencoder lanes");

  // The ensemble lane's most severe cell: its name says the band and the window.
  const cells = await ensembleCells.evaluateAll((all) => all.map((c) => ({ name: c.getAttribute("aria-label") ?? "", window: c.getAttribute("data-window") ?? "" })));
  const severityOf = (name: string) => Number(/severity (\d+)/.exec(name)?.[1] ?? -1);
  const { name, window } = cells.reduce((best, c) => (severityOf(c.name) > severityOf(best.name) ? c : best));
  assert.match(name, /^Ensemble severity, .+ UTC: (critical|major|minor|warning|low), severity \d+ \(window #\d+/);
  const cell = lanes.locator(`[aria-label="${name}"]`).first();
  await cell.click();
  await page.waitForURL((url) => selectedOf(url.toString()) === Number(window), { timeout: 10_000 });
  await page.getByText(`Window #${window} ·`).waitFor();
  assert.equal(await cell.getAttribute("aria-selected"), "true");
  // The window the cell named is the most severe of its cell: Top anomalies ranks by the same severity.
  const detail = await getJson<{ window: { index: number } }>(app.base, `/api/runs/${runId}/windows/${window}`);
  assert.equal(detail.window.index, Number(window));
  await screenshot(page, "swimlanes-01-selected");
  await page.getByRole("region", { name: "Timeline" }).screenshot({ path: join(ARTIFACTS, "swimlanes-01-timeline.png") });

  // Keyboard: the focused cell moves with the arrows and Enter selects its window.
  await cell.focus();
  const before = selectedOf(page.url());
  for (let k = 0; k < 40; k++) {
    await page.keyboard.press("ArrowRight");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-window") ?? null);
    if (focused !== null && Number(focused) !== before) {
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => selectedOf(url.toString()) === Number(focused), { timeout: 10_000 });
      break;
    }
  }
  assert.notEqual(selectedOf(page.url()), before, "Enter on another cell selected its window");
});

test("the per-host lanes are collapsed, and opened they show the example log's host", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  const hosts = page.getByTestId("host-lanes");
  await hosts.waitFor({ timeout: 30_000 });
  assert.equal(await hosts.evaluate((d) => (d as HTMLDetailsElement).open), false, "collapsed by default");
  await hosts.locator("summary").click();
  const grid = page.getByRole("grid", { name: /^Severity per host/ });
  await grid.getByRole("rowheader").first().waitFor({ timeout: 60_000 });
  // Linux_2k's records all come from the host "combo".
  assert.equal(await grid.getByRole("rowheader").count(), 1);
  assert.equal(await grid.getByRole("rowheader", { name: "Host combo" }).count(), 1);
  const cells = grid.locator("[data-window]");
  assert.ok((await cells.count()) > 0);
  assert.match((await cells.first().getAttribute("aria-label")) ?? "", /^Host combo, .+ UTC: \w+, severity \d+ \(window #\d+[^)]*\)\. \d+ events?, \d+ error-keyword lines?\.$/);
  const answer = await getJson<{ hosts: { name: string; events: number }[]; missing: string | null }>(app.base, `/api/runs/${runId}/hosts`);
  assert.equal(answer.missing, null);
  assert.equal(answer.hosts[0]?.name, "combo");
  assert.ok((answer.hosts[0]?.events ?? 0) > 1900, `${answer.hosts[0]?.events} events counted`);
  await screenshot(page, "swimlanes-02-hosts");
});

test("the timeline describes itself in rounded numbers and plots a score as its series", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  const description = page.getByTestId("timeline-description");
  await page.waitForFunction(() => /highest severity \d+/.test(document.querySelector('[data-testid="timeline-description"]')?.textContent ?? ""), null, { timeout: 30_000 });
  assert.match(await description.innerText(), /^\d+ windows from .+ UTC, with \d+ silent stretch(es)? \(longest .+\) drawn as gaps; \d+ flagged by the ensemble; highest severity \d+, .+ UTC\.$/);
  await page.locator("#timeline-feature").selectOption("score:ensemble");
  await page.getByRole("img", { name: /^Ensemble severity \(0–100\) per window over time/ }).waitFor({ timeout: 20_000 });
  // The plotted score is part of the view: it is in the URL and comes back with a reload.
  await page.waitForURL(/[?&]score=score%3Aensemble/);
  await page.reload();
  await page.getByRole("img", { name: /^Ensemble severity \(0–100\) per window over time/ }).waitFor({ timeout: 20_000 });
});

test("on a 390 px phone the lanes, host lanes open, fit the screen and axe-core finds no serious or critical violation in them", async () => {
  const page = await app.browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  try {
    await page.goto(`${app.base}/runs/${runId}`);
    await page.getByRole("grid", { name: /^Severity per model/ }).locator("[data-window]").first().waitFor({ timeout: 30_000 });
    await page.getByTestId("host-lanes").locator("summary").click();
    await page.getByRole("grid", { name: /^Severity per host/ }).getByRole("rowheader").first().waitFor({ timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await page.addScriptTag({ path: resolve("node_modules/axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: { id: string; impact?: string | null }[] }> } };
      const lanes = document.querySelector('[data-testid="severity-swimlanes"]') as Element;
      const results = await axe.run(lanes, { resultTypes: ["violations"] });
      return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    await screenshot(page, "swimlanes-03-phone");
  } finally {
    await page.close();
  }
});
