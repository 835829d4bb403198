// Browser end to end for issue #16 (part): the run page's Top anomalies list, and Compare with
// both runs' precision, recall and F1, a B picker that keeps to A's log file and neutral differences.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { getJson, screenshot, useDashboardWithRuns } from "./browser-env";

const dashboard = useDashboardWithRuns(2);


/** Labels the run's first three ensemble-flagged windows and one calm window anomalous (as window starts). */
async function attachLabels(runId: number): Promise<void> {
  const flagged = await getJson<{ windows: { startIso: string }[] }>(dashboard.app.base, `/api/runs/${runId}/windows?filter=ensemble&pageSize=3`);
  const quiet = await getJson<{ windows: { startIso: string; modelVotes: number }[] }>(dashboard.app.base, `/api/runs/${runId}/windows?pageSize=50`);
  const calm = quiet.windows.find((w) => w.modelVotes === 0);
  assert.ok(flagged.windows.length > 0 && calm, "the run has flagged and calm windows");
  const body = `window_start,kind\n${[...flagged.windows.map((w) => w.startIso), calm.startIso].map((s) => `${s},test`).join("\n")}\n`;
  const put = await fetch(`${dashboard.app.base}/api/runs/${runId}/labels?name=labels.csv`, { method: "PUT", body });
  assert.equal(put.status, 200, await put.clone().text());
}

test("the Top anomalies list ranks flagged windows by severity with a reason and opens its window", async () => {
  const { page } = dashboard.app;
  const [runId] = dashboard.runs;
  await page.goto(`${dashboard.app.base}/runs/${runId}`);
  const list = page.getByRole("region", { name: "Top anomalies" });
  const entries = list.getByRole("link");
  await entries.first().waitFor({ timeout: 30_000 });
  const count = await entries.count();
  assert.ok(count >= 1 && count <= 5, `${count} entries`);
  // Every reason arrives from the window's explanation (until then the entry shows the "…" placeholder,
  // marked data-pending: a reason can end in "…" itself when it quotes a long template).
  await page.waitForFunction(
    () => document.querySelectorAll('section[aria-label="Top anomalies"] li a [data-pending]').length === 0,
    null,
    { timeout: 30_000 },
  );
  const texts = await entries.allInnerTexts();
  const severities = texts.map((t) => Number(/^\s*Severity\s+(\d+)/.exec(t)?.[1]));
  for (const [i, text] of texts.entries()) {
    assert.match(text, /^\s*Severity\s+\d{1,3}\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\S/, `entry ${i}: severity, time and reason: ${text}`);
    if (i > 0) assert.ok((severities[i] as number) <= (severities[i - 1] as number), `severity falls down the list: ${severities.join(", ")}`);
  }
  // The list is above the fold at 1280 x 900.
  const box = await list.boundingBox();
  assert.ok(box && box.y < 900, `the list starts at ${box?.y}`);
  await screenshot(page, "insight16-01-top-anomalies");
  const href = (await entries.first().getAttribute("href")) ?? "";
  await entries.first().click();
  await page.waitForURL(/\/runs\/\d+\/windows\/\d+/, { timeout: 20_000 });
  assert.ok(new URL(page.url()).pathname === href.split("?")[0], `${page.url()} is ${href}`);
  await page.getByTestId("why-summary").waitFor({ timeout: 30_000 });
});

test("Compare shows both runs' precision, recall and F1 side by side when they have labels", async () => {
  const { page } = dashboard.app;
  const [a, b] = dashboard.runs;
  await attachLabels(a as number);
  await attachLabels(b as number);
  await page.goto(`${dashboard.app.base}/compare?a=${a}&b=${b}`);
  const card = page.getByRole("region", { name: "Evaluation against labels" });
  await card.waitFor();
  for (const name of ["F1 of A", "F1 of B", "Precision of A", "Recall of B"]) {
    assert.equal(await card.getByRole("columnheader", { name }).count(), 1, `column ${name}`);
  }
  const ensemble = card.locator("tbody tr", { has: page.getByRole("rowheader", { name: /Ensemble/ }) });
  const cells = (await ensemble.locator("td").allInnerTexts()).map((t) => t.trim());
  assert.equal(cells.length, 6, cells.join(" | "));
  for (const cell of cells) assert.match(cell, /^[01]\.\d{3}$/);
  // Three of the four labelled windows are the ensemble's own flags: recall 0.750 for run A.
  assert.equal(cells[2], "0.750");
  await screenshot(page, "insight16-02-compare-f1");
});

test("Compare's B picker lists only runs of A's log file and differences are not coloured as good or bad", async () => {
  const { page } = dashboard.app;
  const [a, b] = dashboard.runs;
  // A shorter copy of Linux_2k is another log file (stored by content), with a run of its own.
  const half = (await readFile(resolve("logs/Linux_2k.log"), "utf8")).split("\n").slice(0, 1000).join("\n");
  const form = new FormData();
  form.set("file", new Blob([half]), "Linux_half.log");
  const uploaded = await fetch(`${dashboard.app.base}/api/uploads`, { method: "POST", body: form });
  assert.ok(uploaded.ok, await uploaded.clone().text());
  const { logFileId } = (await uploaded.json()) as { logFileId: number };
  const params = new FormData();
  params.set("logFileId", String(logFileId));
  params.set("year", "2005");
  params.set("epochs", "3");
  const created = await fetch(`${dashboard.app.base}/api/runs`, { method: "POST", body: params });
  assert.equal(created.status, 201);
  const other = ((await created.json()) as { id: number }).id;
  for (let tries = 0; (await getJson<{ status: string }>(dashboard.app.base, `/api/runs/${other}`)).status !== "succeeded"; tries++) {
    assert.ok(tries < 240, "the other file's run finishes");
    await new Promise((r) => setTimeout(r, 500));
  }

  await page.goto(`${dashboard.app.base}/compare?a=${a}&b=${b}`);
  const pickerB = page.getByLabel(/^Run B/);
  const offered = async () => (await pickerB.locator("option").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).filter(Boolean);
  assert.deepEqual(await offered(), [String(b)], "B offers A's file's other run only");
  // Choosing the other file's run as A changes what B offers (A's file has no other run).
  await page.getByLabel("Run A", { exact: true }).selectOption(String(other));
  assert.deepEqual(await offered(), []);
  await page.getByLabel("Run A", { exact: true }).selectOption(String(b));
  assert.deepEqual(await offered(), [String(a)]);

  // Whichever order makes a difference negative: it reads "−n" and is not green.
  for (const [x, y] of [[a, b], [b, a]]) {
    await page.goto(`${dashboard.app.base}/compare?a=${x}&b=${y}`);
    const deltas = page.getByRole("region", { name: "Counts" }).locator("tbody td:last-child");
    await deltas.first().waitFor();
    const colours = await deltas.evaluateAll((cells) => cells.map((c) => ({ text: c.textContent ?? "", colour: getComputedStyle(c).color })));
    const negative = colours.filter((c) => c.text.startsWith("−"));
    if (negative.length === 0) continue;
    for (const c of negative) assert.doesNotMatch(c.colour, /rgb\(4, 120, 87\)|rgb\(5, 150, 105\)|oklch\(0\.(50|59)/, `${c.text} in ${c.colour}`);
    await screenshot(page, "insight16-03-compare-negative");
    return;
  }
  assert.fail("neither order of the two runs has a negative difference");
});

test("a shared link with a threshold that is not a valid value says it was ignored", async () => {
  const { page } = dashboard.app;
  const [runId] = dashboard.runs;
  await page.goto(`${dashboard.app.base}/runs/${runId}?eps=abc&votes=2`);
  const status = page.getByRole("status").filter({ hasText: "This link's" });
  assert.equal((await status.textContent())?.trim(), "This link's eps=abc is not a valid value, so the run's own setting is shown instead.");
});
