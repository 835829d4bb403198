import { freePort } from "@/lib/ops/free-port";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, before } from "node:test";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** Screenshots of every browser test land here (git-ignored). */
export const ARTIFACTS = resolve("test/artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export { freePort };

export interface Dashboard {
  base: string;
  browser: Browser;
  page: Page;
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * The production build (`next build` must have run) served by `next start` on a free loopback
 * port with a fresh temporary DATA_DIR and MODELS_DIR, and Debian's Chromium driving a page.
 * `env` adds variables (ALLOWED_HOSTS, say).
 */
export async function startDashboard(env: Record<string, string> = {}): Promise<Dashboard> {
  const dataDir = await mkdtemp(join(tmpdir(), "logscope-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, DATA_DIR: dataDir, MODELS_DIR: join(dataDir, "models"), DATABASE_URL: `file:${join(dataDir, "logscope.db")}`, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited: ${output}`);
    const ok = await fetch(`${base}/api/runs`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    base,
    browser,
    page,
    dataDir,
    stop: async () => {
      await browser.close();
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; `args` adds command-line switches (a host resolver rule, say). */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", ...args],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** GET `path` of the app at `base`, which must answer 200, as JSON. */
export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The five pages the accessibility and responsive-layout tests visit. */
export type PageName = "home" | "run" | "window" | "new-run" | "compare";

/**
 * Uploads logs/Linux_2k.log (year 2005) through the API and starts `count` runs of it with few
 * epochs (the later ones with a wider eps, so a compare page has differences), waits for all of
 * them, and answers their ids.
 */
export async function createLinuxRuns(base: string, count: number): Promise<number[]> {
  const form = new FormData();
  form.set("file", new Blob([await readFile(resolve("logs/Linux_2k.log"))]), "Linux_2k.log");
  const uploaded = await fetch(`${base}/api/uploads`, { method: "POST", body: form });
  if (!uploaded.ok) throw new Error(`upload answered ${uploaded.status}: ${await uploaded.text()}`);
  const { logFileId } = (await uploaded.json()) as { logFileId: number };
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const params = new FormData();
    params.set("logFileId", String(logFileId));
    // The contract's profile: the suites on these runs count its 8 features, votes and labels.
    params.set("profile", "seed");
    params.set("year", "2005");
    params.set("epochs", "3");
    if (i > 0) params.set("eps", String(1 + i * 0.5));
    const created = await fetch(`${base}/api/runs`, { method: "POST", body: params });
    if (created.status !== 201) throw new Error(`POST /api/runs answered ${created.status}: ${await created.text()}`);
    ids.push(((await created.json()) as { id: number }).id);
  }
  const deadline = Date.now() + 150_000;
  for (const id of ids) {
    for (;;) {
      const run = (await (await fetch(`${base}/api/runs/${id}`)).json()) as { status: string; error?: string };
      if (run.status === "succeeded") break;
      if (run.status !== "queued" && run.status !== "running") throw new Error(`run ${id} ended ${run.status}: ${run.error}`);
      if (Date.now() > deadline) throw new Error(`run ${id} did not finish in time`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return ids;
}

/**
 * Two runs of Linux_2k and the addresses of the five pages built on them: the window page shows
 * the first window the ensemble flags, so its "anomalous" badges are on it, and the run page has
 * that window selected.
 */
export async function fivePagePaths(base: string): Promise<Record<PageName, string>> {
  const [a, b] = await createLinuxRuns(base, 2);
  const flagged = (await (await fetch(`${base}/api/runs/${a}/windows?filter=ensemble&pageSize=1`)).json()) as { windows: { index: number }[] };
  const index = flagged.windows[0]?.index ?? 0;
  return { home: "/", run: `/runs/${a}?w=${index}`, window: `/runs/${a}/windows/${index}`, "new-run": "/runs/new", compare: `/compare?a=${a}&b=${b}` };
}

/** Waits until one of the five pages has rendered its client parts (charts drawn, lines loaded). */
export async function waitForPage(page: Page, name: PageName): Promise<void> {
  if (name === "home") await page.getByRole("heading", { name: "Runs" }).first().waitFor();
  if (name === "new-run") await page.locator('input[type="file"]').first().waitFor({ state: "attached" });
  if (name === "run") {
    await page.locator("canvas").first().waitFor({ state: "attached" });
    await page.locator('a[href*="/windows/"]').first().waitFor();
  }
  if (name === "window") await page.locator("table.font-mono tbody tr").first().waitFor({ timeout: 20_000 });
  if (name === "compare") await page.getByText("Parameters", { exact: true }).first().waitFor();
  // Let client effects settle (fonts, a chart's first frame).
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The dashboard and the five pages' addresses of a test file (useFivePages). */
export interface FivePages {
  readonly app: Dashboard;
  readonly paths: Record<PageName, string>;
  /** A fresh page of this size (bypassCSP for axe's injected script), given to `work` and closed after. */
  withPage<T>(viewport: { width: number; height: number }, work: (page: Page) => Promise<T>, bypassCSP?: boolean): Promise<T>;
  /** Goes to one of the five pages on `page` and waits until it has drawn. */
  open(page: Page, name: PageName): Promise<void>;
}

/**
 * A dashboard with `count` Linux_2k runs (createLinuxRuns), started before the file's tests and
 * stopped after them; `app` and `runs` are read inside the tests.
 */
export function useDashboardWithRuns(count: number): { readonly app: Dashboard; readonly runs: number[] } {
  let started: { app: Dashboard; runs: number[] } | undefined;
  const ready = () => {
    if (!started) throw new Error("the dashboard is not started yet");
    return started;
  };
  before(async () => {
    const app = await startDashboard();
    started = { app, runs: await createLinuxRuns(app.base, count) };
  });
  after(async () => {
    await started?.app.stop();
  });
  return {
    get app() {
      return ready().app;
    },
    get runs() {
      return ready().runs;
    },
  };
}

/** A dashboard with two Linux_2k runs (fivePagePaths), started before the file's tests and stopped after them. */
export function useFivePages(): FivePages {
  let started: { app: Dashboard; paths: Record<PageName, string> } | undefined;
  const ready = () => {
    if (!started) throw new Error("the dashboard is not started yet");
    return started;
  };
  before(async () => {
    const app = await startDashboard();
    started = { app, paths: await fivePagePaths(app.base) };
  });
  after(async () => {
    await started?.app.stop();
  });
  return {
    get app() {
      return ready().app;
    },
    get paths() {
      return ready().paths;
    },
    async withPage(viewport, work, bypassCSP = false) {
      const page = await ready().app.browser.newPage({ viewport, bypassCSP });
      try {
        return await work(page);
      } finally {
        await page.close();
      }
    },
    async open(page, name) {
      await page.goto(`${ready().app.base}${ready().paths[name]}`);
      await waitForPage(page, name);
    },
  };
}

/** Chooses logs/Linux_2k.log on the open New run page and waits until its preview table is shown. */
export async function previewLinuxLog(page: Page): Promise<void> {
  await page.getByLabel("Choose a log file to upload").setInputFiles(resolve("logs/Linux_2k.log"));
  await page.getByRole("table", { name: /first lines of Linux_2k\.log/ }).waitFor({ timeout: 60_000 });
}

/** Waits until React has attached its handlers to `selector` (hydration ran, so scripts ran). */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
    },
    selector,
    { timeout: 30_000 },
  );
}
