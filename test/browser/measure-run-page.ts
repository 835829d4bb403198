/**
 * How fluid the Run page of a large run is, in the production build (issue #4): time until the
 * page is usable on the first view after a server start and on a second view, and the long tasks
 * (PerformanceObserver "longtask", > 50 ms) while each threshold slider is moved by keyboard and
 * by mouse. Builds nothing: run `npx next build` first.
 *
 *   DATA_DIR=/tmp/logscope-demo npx tsx test/browser/measure-run-page.ts [--run ID] [--rounds 3] [--root DIR]
 *
 * Long tasks are wall-clock times, which a busy machine (other processes on the same cores) stretches;
 * each slider row also gives the renderer main thread's longest task by CPU time from a Chrome trace.
 * The server runs with LOGSCOPE_JOB_RUNNER=off, so the data directory is only read. "Usable"
 * means: the counts are shown, the timeline canvas shows the series, the windows table has rows
 * and React has hydrated the controls (a slider carries React's props).
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { cpuOfTasks, largestRun, LONG_TASK_SCRIPT, sleep, startServer } from "./measure-tools";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SLIDERS = ["IF contamination", "AE percentile", "DBSCAN eps", "DBSCAN min samples"] as const;

interface Options {
  dataDir: string;
  root: string;
  runId: number | null;
  rounds: number;
}

function readOptions(): Options {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const run = value("--run");
  return {
    dataDir: resolve(process.env.DATA_DIR ?? "/tmp/logscope-demo"),
    root: resolve(value("--root") ?? process.cwd()),
    runId: run === undefined ? null : Number(run),
    rounds: Number(value("--rounds") ?? 3),
  };
}

interface ViewTiming {
  usableMs: number;
  htmlKb: number;
  ttfbMs: number;
  loadLongMaxMs: number;
  loadLongSumMs: number;
}

/** Navigates to the run and waits until it is usable; times are from navigation start. */
async function measureView(page: Page, url: string): Promise<ViewTiming> {
  await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
  const handle = await page.waitForFunction(
    () => {
      const counts = document.querySelector('[aria-live="polite"]')?.textContent ?? "";
      if (!/Windows\s*[\d,]+/.test(counts)) return false;
      if (!document.querySelector('table a[href*="/windows/"]')) return false;
      const slider = document.querySelector('input[type="range"]');
      if (!slider || !Object.keys(slider).some((k) => k.startsWith("__reactProps$"))) return false;
      const canvas = document.querySelector("canvas");
      const ctx = canvas?.getContext("2d");
      if (!canvas || !ctx || canvas.width < 50) return false;
      // The series stroke (#2563eb) drawn on the timeline: the chart has its data, not just axes.
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      for (let p = 0; p < pixels.length; p += 16) {
        const r = pixels[p] as number;
        const g = pixels[p + 1] as number;
        const b = pixels[p + 2] as number;
        if (b > 180 && r < 90 && g < 140 && (pixels[p + 3] as number) > 150) blue++;
      }
      return blue > 40 ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  const usableMs = (await handle.jsonValue()) as number;
  return page.evaluate((usable) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const tasks = ((window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? []).filter(([start]) => start <= usable);
    return {
      usableMs: usable,
      htmlKb: (nav?.encodedBodySize ?? 0) / 1024,
      ttfbMs: nav?.responseStart ?? 0,
      loadLongMaxMs: Math.max(0, ...tasks.map(([, d]) => d)),
      loadLongSumMs: tasks.reduce((s, [, d]) => s + d, 0),
    };
  }, usableMs);
}

interface SliderTiming {
  name: string;
  /** Long tasks (wall clock, PerformanceObserver). */
  maxMs: number;
  count: number;
  sumMs: number;
  /** The renderer main thread's tasks by thread CPU time (Chrome trace): unlike wall clock, not inflated by other processes on a busy machine. */
  cpuMaxMs: number;
  cpuOver50: number;
}

async function settle(page: Page): Promise<void> {
  // DBSCAN refits go to the server; wait for "refitting…" to disappear, then for quiet.
  await page.waitForFunction(() => !/refitting/.test(document.body.textContent ?? ""), undefined, { timeout: 20_000 }).catch(() => undefined);
  await sleep(1200);
}

async function longTasksDuring(page: Page, name: string, act: () => Promise<void>): Promise<SliderTiming> {
  const browser = page.context().browser();
  const from = await page.evaluate(() => performance.now());
  await browser?.startTracing(page, { categories: ["toplevel", "disabled-by-default-devtools.timeline"] });
  await act();
  await settle(page);
  const cpu = browser ? cpuOfTasks(await browser.stopTracing()) : { maxMs: NaN, over50: NaN };
  const tasks = await page.evaluate((t) => ((window as unknown as { __longTasks: [number, number][] }).__longTasks ?? []).filter(([s]) => s >= t), from);
  return {
    name,
    maxMs: Math.max(0, ...tasks.map(([, d]) => d)),
    count: tasks.length,
    sumMs: tasks.reduce((s, [, d]) => s + d, 0),
    cpuMaxMs: cpu.maxMs,
    cpuOver50: cpu.over50,
  };
}

/** Each slider: 12 arrow-key steps at key-repeat pace, then a mouse drag across half its track. */
async function measureSliders(page: Page): Promise<SliderTiming[]> {
  const out: SliderTiming[] = [];
  for (const label of SLIDERS) {
    const slider = page.getByLabel(`${label} slider`);
    await slider.scrollIntoViewIfNeeded();
    out.push(
      await longTasksDuring(page, `${label} (keys)`, async () => {
        await slider.focus();
        for (let k = 0; k < 12; k++) {
          await page.keyboard.press(k < 8 ? "ArrowRight" : "ArrowLeft");
          await sleep(33);
        }
      }),
    );
    out.push(
      await longTasksDuring(page, `${label} (drag)`, async () => {
        const box = await slider.boundingBox();
        if (!box) throw new Error(`${label} slider has no box`);
        const y = box.y + box.height / 2;
        await page.mouse.move(box.x + box.width * 0.3, y);
        await page.mouse.down();
        for (let s = 1; s <= 20; s++) {
          await page.mouse.move(box.x + box.width * (0.3 + (0.4 * s) / 20), y);
          await sleep(16);
        }
        await page.mouse.up();
      }),
    );
  }
  out.push(
    await longTasksDuring(page, "Ensemble votes (clicks)", async () => {
      for (const name of ["any 1", "all 3", "2 of 3"]) {
        await page.getByRole("radio", { name, exact: true }).click();
        await sleep(100);
      }
    }),
  );
  return out;
}

const fmt = (ms: number) => ms.toFixed(0).padStart(6);

async function main(): Promise<void> {
  const options = readOptions();
  const dbFile = join(options.dataDir, "logscope.db");
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}: seed one with test/browser/seed-demo-data.ts`);
  if (!existsSync(join(options.root, ".next/BUILD_ID"))) throw new Error(`no production build in ${options.root}: run npx next build`);
  const run = options.runId !== null ? { id: options.runId, windows: NaN } : largestRun(dbFile);
  console.log(`run ${run.id} (${Number.isNaN(run.windows) ? "?" : run.windows} windows), ${options.rounds} round(s), root ${options.root}`);

  const views: { first: ViewTiming; second: ViewTiming }[] = [];
  const sliders: SliderTiming[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    // The browser is up (as an analyst's would be) before the server starts, so its own start-up
    // does not compete with the server's first request; a fresh context per round has nothing cached.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    let server: ChildProcess | null = null;
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(LONG_TASK_SCRIPT);
      const page = await context.newPage();
      await page.goto("about:blank");
      const started = await startServer(options);
      server = started.server;
      await sleep(500);
      const url = `${started.base}/runs/${run.id}`;
      const first = await measureView(page, url);
      const second = await measureView(page, url);
      views.push({ first, second });
      sliders.push(await measureSliders(page));
      console.log(
        `round ${round + 1}: first ${first.usableMs.toFixed(0)} ms, second ${second.usableMs.toFixed(0)} ms (server ready in ${started.startedMs.toFixed(0)} ms, load average ${loadavg()[0]?.toFixed(1)})`,
      );
    } finally {
      await browser.close();
      if (server) {
        const stopping = server;
        stopping.kill("SIGTERM");
        await new Promise((r) => (stopping.exitCode !== null ? r(null) : stopping.once("exit", r)));
      }
    }
  }

  console.log("\nview    round  usable ms  TTFB ms  HTML kB  load long-task max / sum ms");
  views.forEach(({ first, second }, r) => {
    for (const [name, v] of [["first", first], ["second", second]] as const) {
      console.log(`${name.padEnd(7)} ${String(r + 1).padStart(5)}  ${fmt(v.usableMs)}     ${fmt(v.ttfbMs)}  ${fmt(v.htmlKb)}   ${fmt(v.loadLongMaxMs)} / ${fmt(v.loadLongSumMs)}`);
    }
  });
  console.log("\nslider                              per round: max long task ms (count, sum) / max task CPU ms (tasks > 50 ms CPU)");
  const names = sliders[0]?.map((s) => s.name) ?? [];
  names.forEach((name, i) => {
    const cells = sliders.map((round) => {
      const s = round[i];
      return s ? `${fmt(s.maxMs)} (${s.count}, ${s.sumMs.toFixed(0)}) / ${s.cpuMaxMs.toFixed(0)} (${s.cpuOver50})`.padEnd(30) : "";
    });
    console.log(`${name.padEnd(34)} ${cells.join("")}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
