// Browser end to end for issue #16's feedback loop: "Mark as anomalous / normal" on the window page
// writes the run's ground truth, the run page's evaluation follows it, a run without labels gets
// them from its first mark, and Re-run carries the labels (file and marks) to the new run.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createLinuxRuns, getJson, screenshot, startDashboard, waitForHydration, type Dashboard } from "./browser-env";

let app: Dashboard;
let labelled = 0;
let unlabelled = 0;
/** The labelled run's ensemble-flagged windows that the labels call anomalous (true positives). */
let hits: number[] = [];

interface Truth {
  source: string;
  windows: number[];
}

before(async () => {
  app = await startDashboard();
  [labelled = 0, unlabelled = 0] = await createLinuxRuns(app.base, 2);
  // Three ensemble-flagged windows and one calm window are the labels, as window starts.
  const flagged = await getJson<{ windows: { index: number; startIso: string }[] }>(app.base, `/api/runs/${labelled}/windows?filter=ensemble&pageSize=3`);
  const quiet = await getJson<{ windows: { startIso: string; modelVotes: number }[] }>(app.base, `/api/runs/${labelled}/windows?pageSize=50`);
  const calm = quiet.windows.find((w) => w.modelVotes === 0);
  assert.ok(flagged.windows.length === 3 && calm, "the run has three flagged windows and a calm one");
  hits = flagged.windows.map((w) => w.index);
  const body = `window_start,kind\n${[...flagged.windows.map((w) => w.startIso), calm.startIso].map((s) => `${s},test`).join("\n")}\n`;
  const put = await fetch(`${app.base}/api/runs/${labelled}/labels?name=labels.csv`, { method: "PUT", body });
  assert.equal(put.status, 200, await put.clone().text());
});

after(async () => {
  await app?.stop();
});

const truthOf = async (runId: number) => (await getJson<{ truth: Truth | null }>(app.base, `/api/runs/${runId}`)).truth;

/** The ensemble's flagged count, precision, recall and F1 once the evaluation table shows figures. */
async function ensembleFigures(page: Page): Promise<{ flagged: number; precision: number; recall: number; f1: number }> {
  const card = page.getByRole("region", { name: "Evaluation against labels" });
  const row = card.locator("tbody tr", { has: page.getByRole("rowheader", { name: /Ensemble/ }), hasText: /\d\.\d{3}/ });
  await row.waitFor({ timeout: 30_000 });
  const cells = (await row.locator("td").allInnerTexts()).map((t) => t.replace("(best)", "").trim());
  const [flagged, precision, recall, f1] = cells.map(Number);
  return { flagged: flagged ?? NaN, precision: precision ?? NaN, recall: recall ?? NaN, f1: f1 ?? NaN };
}

const round = (x: number) => Number(x.toFixed(3));
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

test("marking a true-positive window normal changes the run's precision, recall and F1 as expected", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${labelled}`);
  const before = await ensembleFigures(page);
  // Three hits among `flagged`, one labelled window missed.
  assert.deepEqual([before.precision, before.recall], [round(3 / before.flagged), 0.75]);

  const hit = hits[0] as number;
  const original = await truthOf(labelled);
  assert.ok(original?.windows.includes(hit));
  await page.goto(`${app.base}/runs/${labelled}/windows/${hit}`);
  const feedback = page.getByRole("region", { name: "Ground truth" });
  const anomalous = feedback.getByRole("button", { name: "Mark as anomalous" });
  const normal = feedback.getByRole("button", { name: "Mark as normal" });
  assert.equal(await anomalous.getAttribute("aria-pressed"), "true", "the window is labelled anomalous");
  assert.equal(await normal.getAttribute("aria-pressed"), "false");
  await waitForHydration(page, "button[aria-pressed]");
  await normal.click();
  await feedback.getByRole("status").filter({ hasText: `Window #${hit} is now labelled normal` }).waitFor({ timeout: 20_000 });
  await feedback.locator('button[aria-pressed="true"]', { hasText: "Mark as normal" }).waitFor({ timeout: 20_000 });
  // The title's badge follows the mark: flagged, and now labelled normal.
  await page.getByTestId("window-truth").filter({ hasText: "False positive" }).waitFor({ timeout: 20_000 });
  await screenshot(page, "feedback-01-marked-normal");
  assert.deepEqual(await truthOf(labelled), {
    source: "labels.csv: window starts (4 windows) + 1 analyst mark",
    windows: original?.windows.filter((w) => w !== hit),
  });

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: new RegExp(`^Run #${labelled}`) }).click();
  await page.waitForURL(new RegExp(`/runs/${labelled}(\\?|$)`));
  const card = page.getByRole("region", { name: "Evaluation against labels" });
  await card.getByText("labels.csv: window starts (4 windows) + 1 analyst mark").waitFor({ timeout: 30_000 });
  const afterMark = await ensembleFigures(page);
  // Two hits left of the same flags, two of three labelled windows found.
  assert.equal(afterMark.flagged, before.flagged);
  assert.equal(afterMark.precision, round(2 / before.flagged));
  assert.equal(afterMark.recall, round(2 / 3));
  assert.equal(afterMark.f1, round(f1Of(2 / before.flagged, 2 / 3)));
  assert.ok(afterMark.f1 < before.f1, `F1 ${before.f1} -> ${afterMark.f1}`);
  // The window is now one of the ensemble's false positives, linked to its page.
  const falsePositives = card.getByRole("list", { name: /^False positives of Ensemble/ });
  await falsePositives.getByRole("link", { name: new RegExp(`^Window ${hit}(,|$)`) }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, "feedback-02-evaluation-after-mark");
});

test("the first mark on a run without labels creates them, from the keyboard, and the run is evaluated against them", async () => {
  const { page } = app;
  assert.equal(await truthOf(unlabelled), null);
  const flagged = await getJson<{ windows: { index: number }[] }>(app.base, `/api/runs/${unlabelled}/windows?filter=ensemble&pageSize=1`);
  const index = flagged.windows[0]?.index ?? 0;
  await page.goto(`${app.base}/runs/${unlabelled}/windows/${index}`);
  const feedback = page.getByRole("region", { name: "Ground truth" });
  await feedback.getByText(/no ground truth yet/).waitFor();
  // Enter before hydration would post the form without JavaScript, and no status would be announced.
  await waitForHydration(page, 'button[aria-pressed]');
  await feedback.getByRole("button", { name: "Mark as anomalous" }).focus();
  await page.keyboard.press("Enter");
  await feedback.getByRole("status").filter({ hasText: "these are the run's first labels" }).waitFor({ timeout: 20_000 });
  await feedback.locator('button[aria-pressed="true"]', { hasText: "Mark as anomalous" }).waitFor({ timeout: 20_000 });
  await page.getByTestId("window-truth").filter({ hasText: "True positive" }).waitFor({ timeout: 20_000 });
  assert.deepEqual(await truthOf(unlabelled), { source: "Analyst marks (1 mark)", windows: [index] });

  await page.goto(`${app.base}/runs/${unlabelled}`);
  const card = page.getByRole("region", { name: "Evaluation against labels" });
  await card.getByText("Analyst marks (1 mark)").waitFor({ timeout: 30_000 });
  await card.getByText("every window you have not marked anomalous counts as normal").waitFor();
  const figures = await ensembleFigures(page);
  assert.equal(figures.recall, 1, "the ensemble flags the one marked window");
  await screenshot(page, "feedback-03-first-mark");
});

test("Re-run carries the run's labels and marks to the new run of the same log", async () => {
  const { page } = app;
  const truth = await truthOf(labelled);
  assert.ok(truth && truth.windows.length === 3, JSON.stringify(truth));
  await page.goto(`${app.base}/runs/${labelled}`);
  await page.getByRole("link", { name: "Re-run", exact: true }).click();
  await page.waitForURL(/\/runs\/new\?from=/);
  const carried = page.getByTestId("carried-labels");
  await carried.waitFor({ timeout: 20_000 });
  assert.match(await carried.innerText(), new RegExp(`labels of run #${labelled} go with this re-run: labels\\.csv: window starts \\(4 windows\\) \\+ 1 analyst mark \\(3 labelled windows\\)`));
  await page.getByRole("button", { name: /Start detection/ }).click();
  await page.waitForURL(/\/runs\/\d+$/, { timeout: 120_000 });
  const rerun = Number(/\/runs\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
  assert.ok(rerun > labelled);
  assert.deepEqual(await truthOf(rerun), { source: `run-${labelled}-labels.csv: window starts (3 windows)`, windows: truth.windows });
  await page.getByRole("region", { name: "Evaluation against labels" }).waitFor({ timeout: 30_000 });
});
