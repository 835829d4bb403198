/**
 * Screenshots of every dashboard page, for looking at the design (not a test suite).
 *
 *   DATA_DIR=/tmp/logscope-demo npx tsx test/browser/seed-demo-data.ts       # once: runs to show
 *   DATA_DIR=/tmp/logscope-demo npx next start -H 127.0.0.1 -p 3123 &        # or next dev
 *   BASE_URL=http://127.0.0.1:3123 npx tsx test/browser/screenshot-pages.ts [out-dir]
 *
 * Drives the Debian Chromium (/usr/bin/chromium, `apt-get install -y chromium`) through
 * playwright-core; no browser is downloaded. Pages are taken at 1280 px wide, full height. Which
 * runs to show is read from the API: the newest succeeded run (and the largest, when it differs),
 * two succeeded runs of one file for /compare.
 *
 * `capturePage` is also what `npm run screenshots` (scripts/screenshots.ts) takes the README's
 * pictures with.
 *
 * With UPLOAD=<log file> it also uploads that log on New run, starts a run with EPOCHS (default
 * 200) epochs and shoots the live progress (New run, Runs list, Run page) while the job trains;
 * give it a log big enough to train for a while (a few hundred thousand lines).
 */
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3123";
const OUT = resolve(process.argv[2] ?? "test/artifacts/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface RunInfo {
  id: number;
  status: string;
  windowCount: number | null;
  logFile: { id: number };
  params: Record<string, unknown>;
}

async function listRuns(): Promise<RunInfo[]> {
  const response = await fetch(`${BASE}/api/runs?pageSize=200`);
  if (!response.ok) throw new Error(`GET /api/runs: HTTP ${response.status}`);
  const body = (await response.json()) as { runs: RunInfo[] };
  return body.runs;
}

/**
 * Opens `url`, waits for the network to calm down and for `settle`, lets charts draw their first
 * frame, and writes a PNG of the whole page to `file`; with `height`, of a viewport that tall
 * instead (so charts built only once scrolled near, which a whole-page shot would leave blank,
 * are all in view and drawn).
 */
export async function capturePage(page: Page, url: string, file: string, options: { settle?: (page: Page) => Promise<void>; height?: number } = {}): Promise<void> {
  if (options.height) await page.setViewportSize({ width: page.viewportSize()?.width ?? 1280, height: options.height });
  await page.goto(url, { waitUntil: "networkidle", timeout: 120_000 });
  if (options.settle) await options.settle(page);
  await page.waitForTimeout(600);
  await page.screenshot({ path: file, fullPage: !options.height });
}

async function shoot(page: Page, path: string, name: string, settle?: (page: Page) => Promise<void>) {
  const started = Date.now();
  await capturePage(page, `${BASE}${path}`, `${OUT}/${name}.png`, { settle });
  console.log(`${name}.png  ${path}  ${Date.now() - started} ms`);
}

/** Upload, start, and screenshot the progress views while the job runs. */
async function shootLiveRun(browser: Browser, page: Page, log: string, epochs: string) {
  await page.goto(`${BASE}/runs/new`, { waitUntil: "networkidle" });
  await page.setInputFiles('input[type="file"]', log);
  await page.waitForSelector("text=stored as log file", { timeout: 300_000 });
  await page.fill("#param-epochs", epochs);
  if (process.env.YEAR) await page.fill("#param-year", process.env.YEAR);
  await page.click("text=Start detection");
  await page.waitForFunction(() => /Epoch \d+\/\d+/.test(document.body.innerText), undefined, { timeout: 600_000, polling: 500 });
  await page.waitForTimeout(6000);
  await page.screenshot({ path: `${OUT}/14-new-run-training.png`, fullPage: true });
  console.log("14-new-run-training.png");
  const runId = (await page.textContent("text=/Run #\\d+/"))?.match(/\d+/)?.[0];
  const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await shoot(other, "/", "15-runs-with-live-progress");
  if (runId) await shoot(other, `/runs/${runId}`, "16-run-pending");
  await other.close();
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const runs = await listRuns();
  const done = runs.filter((r) => r.status === "succeeded");
  const small = [...done].sort((a, b) => (a.windowCount ?? 0) - (b.windowCount ?? 0))[0];
  const large = [...done].sort((a, b) => (b.windowCount ?? 0) - (a.windowCount ?? 0))[0];
  // Two runs of one file, with different thresholds when there are such.
  const sameFile = (a: RunInfo, b: RunInfo) => a.id !== b.id && a.logFile.id === b.logFile.id;
  // Same time base (year, window) so windows line up, other parameters different.
  const differ = (a: RunInfo, b: RunInfo) =>
    a.params.year === b.params.year && a.params.window === b.params.window && JSON.stringify(a.params) !== JSON.stringify(b.params);
  const pair = done.find((a) => done.some((b) => sameFile(a, b) && differ(a, b))) ?? done.find((a) => done.some((b) => sameFile(a, b)));
  const partner = pair && (done.find((b) => sameFile(pair, b) && differ(pair, b)) ?? done.find((b) => sameFile(pair, b)));
  const failed = runs.find((r) => r.status === "failed");
  const running = runs.find((r) => r.status === "running" || r.status === "queued");

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") console.error(`console: ${message.text()}`);
    });
    await shoot(page, "/", "01-runs");
    await shoot(page, "/runs/new", "02-new-run");
    if (small) {
      await shoot(page, `/runs/new?from=${small.id}`, "03-new-run-prefilled");
      await shoot(page, `/runs/${small.id}`, "04-run", async (p) => {
        await p.waitForSelector("table tbody tr", { timeout: 60_000 });
        await p.waitForSelector("text=/neighbour beyond eps|not available/", { timeout: 60_000 });
      });
      await shoot(page, `/runs/${small.id}?contamination=0.08&eps=0.9&votes=1&filter=any&feature=unique_messages`, "05-run-custom-thresholds", async (p) => {
        await p.waitForSelector("table tbody tr", { timeout: 60_000 });
        await p.waitForTimeout(2500);
      });
      await shoot(page, `/runs/${small.id}/windows/4`, "06-window", async (p) => {
        await p.waitForSelector("text=/\\d+ lines?( ·|$)|could not be read/", { timeout: 30_000 });
      });
    }
    if (large && large.id !== small?.id) {
      await shoot(page, `/runs/${large.id}`, "07-run-large", async (p) => {
        await p.waitForSelector("table tbody tr", { timeout: 120_000 });
        await p.waitForSelector("text=/neighbour beyond eps|not available/", { timeout: 120_000 });
      });
    }
    if (pair && partner) await shoot(page, `/compare?a=${pair.id}&b=${partner.id}`, "08-compare");
    await shoot(page, "/compare", "09-compare-picker");
    if (failed) await shoot(page, `/runs/${failed.id}`, "10-run-failed");
    if (running) await shoot(page, `/runs/${running.id}`, "11-run-pending");
    await shoot(page, "/runs/999999", "12-not-found");
    await shoot(page, "/runs/2/windows/999999", "13-window-not-found");
    if (process.env.UPLOAD) await shootLiveRun(browser, page, process.env.UPLOAD, process.env.EPOCHS ?? "200");
  } finally {
    await browser.close();
  }
}

// Run as a script; imported (scripts/screenshots.ts), it only lends capturePage.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
