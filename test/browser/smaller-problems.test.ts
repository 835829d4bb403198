// Browser end to end for issue #16's smaller problems: the runs list's feature set and F1 columns,
// the New run page's warning for a year that puts the log in the future, and the z-chart's true
// values beyond its ±10 axis.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNumber } from "@/lib/ui/format";
import { featureLabel } from "@/lib/ui/feature-labels";
import { Z_AXIS_LIMIT } from "@/lib/ui/z-bars";
import type { Page } from "playwright-core";
import { getJson, previewLinuxLog, screenshot, useDashboardWithRuns } from "./browser-env";

const dashboard = useDashboardWithRuns(2);

/** A fresh 1280 x 900 page for `work`, closed after. */
async function withPage(work: (page: Page) => Promise<void>): Promise<void> {
  const page = await dashboard.app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await work(page);
  } finally {
    await page.close();
  }
}

/** Labels the run's first four ensemble-flagged windows and one calm window anomalous: TP 4 of 5 labelled. */
async function attachLabels(runId: number): Promise<void> {
  const flagged = await getJson<{ windows: { startIso: string }[] }>(dashboard.app.base, `/api/runs/${runId}/windows?filter=ensemble&pageSize=4`);
  const quiet = await getJson<{ windows: { startIso: string; modelVotes: number }[] }>(dashboard.app.base, `/api/runs/${runId}/windows?pageSize=50`);
  const calm = quiet.windows.find((w) => w.modelVotes === 0);
  assert.ok(flagged.windows.length === 4 && calm, "the run has flagged and calm windows");
  const body = `window_start,kind\n${[...flagged.windows.map((w) => w.startIso), calm.startIso].map((s) => `${s},test`).join("\n")}\n`;
  const put = await fetch(`${dashboard.app.base}/api/runs/${runId}/labels?name=labels.csv`, { method: "PUT", body });
  assert.equal(put.status, 200, await put.clone().text());
}

test("the runs list shows each run's format, feature set and, with ground truth, the ensemble's F1", async () => {
  const [labelled, plain] = dashboard.runs as [number, number];
  await attachLabels(labelled);
  const run = await getJson<{ counts: { ensemble: number } }>(dashboard.app.base, `/api/runs/${labelled}`);
  const { page } = dashboard.app;
  await page.goto(`${dashboard.app.base}/`);
  const table = page.getByRole("table", { name: "Detection runs, newest first" });
  // Header texts as seen, without their screen-reader-only additions (" anomalies", " of the ensemble ...").
  const headers = await table.locator("thead th").evaluateAll((cells) =>
    cells.map((th) => [...th.childNodes].filter((n) => !(n instanceof Element && n.classList.contains("sr-only"))).map((n) => n.textContent).join("").trim()),
  );
  for (const name of ["Format", "Features", "F1"]) assert.ok(headers.includes(name), `a ${name} column: ${headers.join(" | ")}`);
  const cell = async (runId: number, header: string) => {
    const row = table.locator("tbody tr").filter({ has: page.locator(`a[href="/runs/${runId}"]`) });
    return (await row.locator("td").nth(headers.indexOf(header)).innerText()).trim();
  };
  // TP 4 of 5 labelled windows and of the ensemble's flagged ones: F1 = 2PR / (P + R).
  const precision = 4 / run.counts.ensemble;
  const recall = 4 / 5;
  assert.equal(await cell(labelled, "F1"), ((2 * precision * recall) / (precision + recall)).toFixed(2));
  assert.equal(await cell(plain, "F1"), "—");
  assert.equal(await cell(labelled, "Features"), "Seed");
  assert.match(await cell(labelled, "Format"), /\S/);
  await screenshot(page, "smaller-01-runs-list");
});

test("a typed year that puts the log's times in the future is said beside the Year field, with the year to use", async () => {
  await withPage(async (page) => {
    await page.goto(`${dashboard.app.base}/runs/new`);
    await previewLinuxLog(page);
    const next = new Date().getUTCFullYear() + 1;
    const year = page.locator("#param-year");
    await year.fill(String(next));
    const warning = page.locator("#param-year-warning");
    await warning.waitFor({ timeout: 30_000 });
    assert.match(await warning.innerText(), new RegExp(`^With ${next}, the log's records run to ${next}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, which is in the future; the log is probably from \\d{4}\\.`));
    assert.match((await year.getAttribute("aria-describedby")) ?? "", /param-year-warning/);
    await screenshot(page, "smaller-02-year-warning");
    const suggested = /probably from (\d{4})/.exec(await warning.innerText())?.[1] ?? "";
    await warning.getByRole("button", { name: `Use ${suggested}` }).click();
    assert.equal(await year.inputValue(), suggested);
    await warning.waitFor({ state: "detached", timeout: 30_000 });
    await year.fill("2005");
    await page.getByText("Year-less times are placed in 2005.").waitFor({ timeout: 30_000 });
    assert.equal(await warning.count(), 0);
  });
});

test("the z-chart gives the true value of a feature beyond its ±10 axis", async () => {
  const [runId] = dashboard.runs as [number];
  const flagged = await getJson<{ windows: { index: number }[] }>(dashboard.app.base, `/api/runs/${runId}/windows?filter=any&sort=modelVotes&direction=desc&pageSize=30`);
  let found: { index: number; feature: { name: string; z: number } } | null = null;
  for (const { index } of flagged.windows) {
    const explanation = await getJson<{ features: { name: string; z: number }[] }>(dashboard.app.base, `/api/runs/${runId}/windows/${index}/explanation`);
    const feature = explanation.features.find((f) => Math.abs(f.z) > Z_AXIS_LIMIT);
    if (feature) {
      found = { index, feature };
      break;
    }
  }
  assert.ok(found, "a flagged window of Linux_2k has a feature beyond the axis");
  await withPage(async (page) => {
    await page.goto(`${dashboard.app.base}/runs/${runId}/windows/${found.index}`);
    const canvas = page.getByRole("img", { name: "Robust z-scores of the window's features" });
    await canvas.waitFor({ timeout: 30_000 });
    const describedBy = await canvas.getAttribute("aria-describedby");
    assert.ok(describedBy, "the chart points at its description");
    // The card first streams with the page's own z-scores, then with the explanation's: wait until one is left.
    await page.waitForFunction((id) => document.querySelectorAll(`[id="${id}"]`).length === 1, describedBy);
    const text = await page.locator(`[id="${describedBy}"]`).innerText();
    const expected = `${featureLabel(found.feature.name)} ${formatNumber(found.feature.z, 3)} (beyond the ±${Z_AXIS_LIMIT} axis)`;
    assert.ok(text.includes(expected), `"${expected}" in "${text}"`);
    await screenshot(page, "smaller-03-z-chart");
  });
});

test("every chart of the run page describes itself in rounded numbers", async () => {
  const [runId] = dashboard.runs as [number];
  await withPage(async (page) => {
    await page.goto(`${dashboard.app.base}/runs/${runId}`);
    // The histograms and the k-distance curve are built once scrolled near.
    await page.getByRole("region", { name: "Scores and thresholds" }).scrollIntoViewIfNeeded({ timeout: 30_000 });
    await page.getByText(/neighbour beyond eps/).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll("canvas[aria-describedby]").length >= 3, null, { timeout: 30_000 });
    const texts = await page.locator("canvas[aria-describedby]").evaluateAll((canvases) =>
      canvases.map((c) => document.getElementById(c.getAttribute("aria-describedby") ?? "")?.textContent ?? ""),
    );
    assert.ok(texts.some((t) => /^Isolation Forest scores [\d.]+–[\d.]+ over [\d,]+ windows; threshold [\d.]+; [\d,]+ windows? above it\.$/.test(t)), texts.join("\n"));
    assert.ok(texts.some((t) => /^Sorted \d+-distance of [\d,]+ windows, /.test(t)), texts.join("\n"));
    // Rounded: no number in a description carries more than three significant digits after its point.
    for (const t of texts) assert.doesNotMatch(t, /\d\.\d{4,}/, t);
  });
});
