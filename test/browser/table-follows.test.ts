// Browser end to end for issue #16 (part): the windows table follows the timeline's range (from the
// URL and from its own range inputs), searches log lines, offers page sizes, marks and filters
// ground truth, and the window page's breadcrumb comes back with the table's state.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createLinuxRuns, getJson, screenshot, startDashboard, type Dashboard } from "./browser-env";

let app: Dashboard;
let runId = 0;

before(async () => {
  app = await startDashboard();
  [runId = 0] = await createLinuxRuns(app.base, 1);
});

after(async () => {
  await app?.stop();
});

const table = (page: Page) => page.getByRole("region", { name: "Windows" });

/** The "N windows match" count of the table once it has settled (no request in flight). */
async function matchCount(page: Page): Promise<number> {
  await page.waitForFunction(() => !document.querySelector('section[aria-label="Windows"] [aria-busy="true"]'), null, { timeout: 20_000 });
  const text = await table(page).getByText(/\d+ windows? match/).first().innerText();
  return Number(/([\d,]+) windows? match/.exec(text)?.[1]?.replace(/,/g, ""));
}

/** The start (Unix seconds) of every row shown, read from its "2005-06-14 15:16:00" link. */
async function rowStarts(page: Page): Promise<number[]> {
  const texts = await table(page).locator("tbody tr td:first-child a").allInnerTexts();
  return texts.map((t) => Date.parse(`${t.trim().replace(" ", "T")}Z`) / 1000);
}

/** Waits until the address bar's query has `key` = `value`. */
async function waitForParam(page: Page, key: string, value: string | null): Promise<void> {
  await page.waitForFunction(([k, v]) => new URLSearchParams(location.search).get(k as string) === v, [key, value], { timeout: 10_000 });
}

test("the table follows a zoom from the URL and from its own range inputs, and counts only the range", async () => {
  const { page } = app;
  const all = await getJson<{ windows: { start: number }[]; total: number }>(app.base, `/api/runs/${runId}/windows?pageSize=1000`);
  assert.ok(all.total > 60, `${all.total} windows`);
  const starts = all.windows.map((w) => w.start);
  await page.goto(`${app.base}/runs/${runId}?filter=all`);
  assert.equal(await matchCount(page), all.total);

  // A zoom in the URL (what the timeline writes): windows 10 to 39.
  const from = starts[10] as number;
  const to = starts[40] as number;
  await page.goto(`${app.base}/runs/${runId}?filter=all&from=${from}&to=${to}&page=2`);
  await table(page).getByTestId("table-range").waitFor();
  assert.equal(await matchCount(page), 30);
  // The range inputs show the zoom (UTC, to the minute).
  assert.equal(await table(page).getByLabel("From (UTC)").inputValue(), new Date(from * 1000).toISOString().slice(0, 16));
  assert.equal(await table(page).getByLabel("To (UTC)").inputValue(), new Date(to * 1000).toISOString().slice(0, 16));
  for (const s of await rowStarts(page)) assert.ok(s >= from && s < to, `${s} in [${from}, ${to})`);
  await screenshot(page, "table-follows-01-zoomed");

  // Typing a later start into the table's own From input narrows the range (and the timeline's zoom) and goes back to page 1.
  const later = starts[30] as number;
  await table(page).getByLabel("From (UTC)").fill(new Date(later * 1000).toISOString().slice(0, 16));
  await waitForParam(page, "from", String(later - (later % 60)));
  const count = await matchCount(page);
  assert.ok(count > 0 && count < 30, `${count} windows after narrowing`);
  assert.equal(new URLSearchParams(new URL(page.url()).search).get("page"), null, "back on page 1");
  for (const s of await rowStarts(page)) assert.ok(s >= later - 60 && s < to, `${s} in the narrowed range`);

  // Clear shows the whole run again.
  await table(page).getByTestId("table-range").getByRole("button", { name: "Clear" }).click();
  await waitForParam(page, "from", null);
  assert.equal(await matchCount(page), all.total);
});

test("search finds a known message in the window's lines, and an unknown text says so in one sentence", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}?filter=all`);
  const total = await matchCount(page);
  await table(page).getByLabel("Search log lines and templates").fill("authentication failure");
  await waitForParam(page, "q", "authentication failure");
  await table(page).getByText(/“authentication failure” \(searched log lines\)/).waitFor({ timeout: 20_000 });
  const found = await matchCount(page);
  assert.ok(found > 0 && found < total, `${found} of ${total} windows`);
  // Every window listed holds such a line (its raw lines, from the API).
  const first = Number((await table(page).locator("tbody tr td:first-child span").first().innerText()).replace("#", ""));
  const lines = await getJson<{ lines: { text: string }[] }>(app.base, `/api/runs/${runId}/windows/${first}`);
  assert.ok(lines.lines.some((l) => l.text.toLowerCase().includes("authentication failure")), `window ${first} has the text`);

  await table(page).getByLabel("Search log lines and templates").fill("no such text anywhere 42");
  await table(page).getByText("No window matches “no such text anywhere 42” under this filter and the current thresholds.").waitFor({ timeout: 20_000 });
});

test("page size 100 shows 100 rows and stays in the URL", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}?filter=all`);
  await matchCount(page);
  await table(page).getByLabel("Rows per page").selectOption("100");
  await waitForParam(page, "size", "100");
  await page.waitForFunction(() => document.querySelectorAll('section[aria-label="Windows"] tbody tr').length === 100, null, { timeout: 20_000 });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('section[aria-label="Windows"] tbody tr').length === 100, null, { timeout: 20_000 });
});

test("the breadcrumb back from a window keeps the table's filter, sort and page", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}?filter=all&sort=ifScore&page=2&size=50`);
  await matchCount(page);
  await table(page).locator("tbody tr td:first-child a").first().click();
  await page.waitForURL(/\/runs\/\d+\/windows\/\d+/, { timeout: 20_000 });
  const back = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /Run #/ });
  const href = new URL((await back.getAttribute("href")) ?? "", app.base);
  for (const [key, value] of [["filter", "all"], ["sort", "ifScore"], ["page", "2"], ["size", "50"]] as const) {
    assert.equal(href.searchParams.get(key), value, `${key} in ${href}`);
  }
  await back.click();
  await page.waitForURL((url) => url.pathname === `/runs/${runId}` && url.searchParams.get("page") === "2", { timeout: 20_000 });
  await page.getByRole("button", { name: "Next page" }).waitFor();
  assert.match(await table(page).getByText(/Page 2 of/).innerText(), /Page 2 of/);
});

test("on a run with labels each row carries its mark, and the tp, fp and missed filters list only such windows", async () => {
  const { page } = app;
  const flagged = await getJson<{ windows: { startIso: string }[] }>(app.base, `/api/runs/${runId}/windows?filter=ensemble&pageSize=3`);
  const quiet = await getJson<{ windows: { startIso: string; modelVotes: number }[] }>(app.base, `/api/runs/${runId}/windows?pageSize=50`);
  const calm = quiet.windows.find((w) => w.modelVotes === 0);
  assert.ok(flagged.windows.length === 3 && calm, "the run has flagged and calm windows");
  const body = `window_start,kind\n${[...flagged.windows.map((w) => w.startIso), calm.startIso].map((s) => `${s},test`).join("\n")}\n`;
  const put = await fetch(`${app.base}/api/runs/${runId}/labels?name=labels.csv`, { method: "PUT", body });
  assert.equal(put.status, 200, await put.clone().text());

  const expected = { tp: 3, fn: 1 };
  for (const [mark, label] of [["tp", "True positives"], ["fp", "False positives"], ["fn", "Missed"]] as const) {
    await page.goto(`${app.base}/runs/${runId}`);
    await matchCount(page);
    await table(page).getByRole("radio", { name: label }).click();
    await waitForParam(page, "filter", mark);
    const count = await matchCount(page);
    if (mark !== "fp") assert.equal(count, expected[mark], `${label}`);
    const marks = await table(page).locator("tbody [data-truth-mark]").evaluateAll((els) => els.map((e) => e.getAttribute("data-truth-mark")));
    assert.equal(marks.length, Math.min(count, 25), `${label}: a mark on every row`);
    assert.ok(marks.every((m) => m === mark), `${label}: ${marks.join(", ")}`);
    if (mark === "fn") {
      await screenshot(page, "table-follows-02-missed");
      // The window page names the mark too.
      await table(page).locator("tbody tr td:first-child a").first().click();
      await page.waitForURL(/\/windows\/\d+/, { timeout: 20_000 });
      assert.match(await page.getByTestId("window-truth").innerText(), /Missed \(false negative\)/);
    }
  }
});
