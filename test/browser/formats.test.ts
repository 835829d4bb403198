// Browser end to end for issue #11: a JSON-lines log on New run is previewed before anything trains
// (detected format, match rate, first records), the format picker re-previews, and the run trains
// on the detected format and shows it, in the production build.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fixturePath } from "../fixtures/fixture-path";
import { screenshot, startDashboard, waitForHydration, type Dashboard } from "./browser-env";

// 700 Pino lines over 210 s (test/fixtures/browser/README.md).
const LOG = fixturePath("browser", "pino-requests.log");

let app: Dashboard;

before(async () => {
  app = await startDashboard();
});

after(async () => {
  await app?.stop();
});

interface RunAnswer {
  status: string;
  windowCount: number | null;
  params: { format: string; year?: number };
  format: { requested: string; detected: string | null; year: number | null; yearInferred: boolean };
}

async function waitForRun(id: number): Promise<RunAnswer> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const run = (await (await fetch(`${app.base}/api/runs/${id}`)).json()) as RunAnswer & { error?: string };
    if (run.status === "succeeded") return run;
    assert.ok(run.status === "queued" || run.status === "running", `run ${id} ended ${run.status}: ${run.error}`);
    assert.ok(Date.now() < deadline, `run ${id} did not finish in 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("an analyst uploads a JSON-lines log, sees it previewed as json, tries another format, and trains it", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/new`);
  const fileInput = page.getByLabel("Choose a log file to upload");
  // The upload starts in the input's React change handler: wait until hydration has attached it.
  await waitForHydration(page, 'input[aria-label="Choose a log file to upload"]');
  await fileInput.setInputFiles(LOG);
  await page.getByText(/stored as log file/i).waitFor({ timeout: 60_000 });

  // The preview comes by itself once the log is stored: detected format, rate, records in columns.
  const status = page.locator("#preview-status");
  await page.getByText(/^Reads as json: 100% of 700 lines match, 700 records, 0 unparsed\.$/).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId("preview-format").innerText(), "json");
  const table = page.getByRole("table", { name: /first lines of pino-requests\.log/ });
  const firstRow = table.locator("tbody tr").first();
  assert.match(await firstRow.innerText(), /^1\s+2024-11-12 06:01:56\s+my-service\s+my-app\s+30\s+incoming request$/);
  assert.equal(await table.locator("tbody tr").count(), 40);
  await screenshot(page, "formats-01-new-run-preview");

  // The year is left to the log (blank), and masks are entered one per line.
  assert.equal(await page.locator("#param-year").inputValue(), "");
  assert.equal(await page.locator("#param-year").getAttribute("placeholder"), "from the log");
  await page.getByText("JSON fields and masks").click();
  assert.equal(await page.locator("#param-masks").evaluate((el) => el.tagName), "TEXTAREA");
  assert.equal(await page.locator("#param-fields").evaluate((el) => el.tagName), "TEXTAREA");
  await screenshot(page, "formats-01b-new-run-options");

  // Picking a format that does not fit re-previews: nothing matches and lines are marked unparsed.
  const picker = page.locator("#format-select");
  await picker.selectOption("access");
  await page.getByText(/^Reads as access: 0% of 700 lines match, 0 records, 700 unparsed\.$/).waitFor({ timeout: 20_000 });
  assert.match(await table.locator("tbody tr").first().innerText(), /^1\s+unparsed\s*\{"hostname":"my-service"/);
  await screenshot(page, "formats-02-new-run-wrong-format");

  // A template that names an unknown field is refused with the server's sentence, announced in the status.
  await picker.selectOption({ label: "Template…" });
  assert.equal(await page.getByLabel("Logparser template").getAttribute("id"), "format-template");
  await page.locator("#format-template").fill("<Date> <Time> <Level>");
  await page.waitForFunction(() => /^The preview failed: /.test(document.querySelector("#preview-status")?.textContent ?? ""), null, { timeout: 20_000 });
  assert.match((await status.textContent()) ?? "", /^The preview failed: .*Content/);

  // Back to Auto (from the keyboard): json again, and that is what the run is started with.
  await picker.focus();
  await picker.selectOption("auto");
  await page.getByText(/^Reads as json: 100% of 700 lines match/).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('input[type="hidden"][name="format"]').inputValue(), "auto");
  await page.locator("#param-window").fill("10");
  await page.locator("#param-epochs").fill("5");
  await page.getByRole("button", { name: /Start detection/i }).click();
  await page.waitForURL(/\/runs\/\d+(\?|$)/, { timeout: 120_000 });
  const runId = Number(new URL(page.url()).pathname.split("/").pop());
  const run = await waitForRun(runId);
  assert.equal(run.params.format, "auto");
  assert.equal(run.format.detected, "json");
  // No year was given and Pino's times carry theirs: none asked for, none inferred.
  assert.equal(run.params.year, undefined);
  assert.deepEqual([run.format.year, run.format.yearInferred], [null, false]);
  assert.ok((run.windowCount ?? 0) >= 20, `windows: ${run.windowCount}`);

  // The run page shows its windows (all of them: the default profile may flag none of this calm log) and the format it read.
  await page.goto(`${app.base}/runs/${runId}?filter=all`);
  await page.locator("canvas").first().waitFor();
  const counts = await page.locator('[aria-live="polite"]').first().innerText();
  assert.match(counts, new RegExp(`Windows\\s*${run.windowCount}`));
  await page.getByText(/format\s*json\s*\(auto\)/).first().waitFor();
  assert.ok((await page.locator('a[href*="/windows/"]').count()) > 0, "the windows table lists windows");
  await screenshot(page, "formats-03-run-page");

  // The runs list names the format too.
  await page.goto(`${app.base}/`);
  const row = page.getByRole("row").filter({ hasText: "pino-requests.log" });
  await row.waitFor();
  assert.match(await row.innerText(), /json\s*\(auto\)/);
  await screenshot(page, "formats-04-runs-list");

  // Re-run starts from what was asked for: auto format, and the year still left to the log.
  await page.goto(`${app.base}/runs/new?from=${runId}`);
  await page.getByText(/^Reads as json: 100% of 700 lines match/).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#param-year").inputValue(), "");
  assert.equal(await page.locator("#param-window").inputValue(), "10");
});
