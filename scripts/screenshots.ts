// npm run screenshots: the README's pictures of the run page and the window page
// (docs/images/run-page.png, window-page.png), taken from the bundled example run with no network.
// Builds first when there is no build; then `npm start` (dist/start.cjs) on a free loopback port
// with a temporary DATA_DIR, which queues the example run exactly as a fresh dashboard does
// (lib/server/runs/seed-example-run.ts); waits for it to train; shoots both pages in Debian's
// Chromium; stops the server and removes the folder. `--build` rebuilds even when a build exists
// (the pictures show what the build serves, so rebuild after changing the pages).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchChromium, waitForPage } from "../test/browser/browser-env";
import { capturePage } from "../test/browser/screenshot-pages";
import { serverEnv, spawnStart } from "../test/scripts/start-process";

const OUT = resolve("docs/images");
const WIDTH = 1280;
// The run page down to the severity swimlanes under the timeline, with the thresholds beside it;
// the window page down to the end of the features and their z-chart. A whole page runs to several screens.
const HEIGHTS = { run: 1520, window: 1120 } as const;
const TRAINING_TIMEOUT_MS = 300_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Polls until the server answers and its one (example) run has trained; answers the run's id. */
async function waitForExampleRun(base: string, output: () => string): Promise<number> {
  const deadline = Date.now() + TRAINING_TIMEOUT_MS;
  for (;;) {
    const runs = await getJson<{ runs: { id: number; status: string; error: string | null }[] }>(base, "/api/runs").catch(() => null);
    const run = runs?.runs[0];
    if (run?.status === "succeeded") return run.id;
    if (run && run.status !== "queued" && run.status !== "running") throw new Error(`the example run ended ${run.status}: ${run.error}`);
    if (Date.now() > deadline) throw new Error(`the example run was not ready within ${TRAINING_TIMEOUT_MS / 1000} s:\n${output()}`);
    await sleep(500);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--build") || !existsSync(".next/BUILD_ID") || !existsSync("dist/start.cjs")) {
    const built = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  await mkdir(OUT, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), "logscope-screenshots-"));
  const env = await serverEnv(dataDir, `file:${join(dataDir, "logscope.db")}`, join(dataDir, "models"));
  delete env.LOGSCOPE_JOB_POLL_MS; // the default: the runner picks the example run up at once
  const server = spawnStart(env);
  const base = `http://127.0.0.1:${env.PORT}`;
  const output = () => Object.values(server.output()).join("\n");
  try {
    const runId = await waitForExampleRun(base, output);
    // A window all three detectors flag, so the window page explains a clear anomaly.
    const flagged = await getJson<{ windows: { index: number }[] }>(base, `/api/runs/${runId}/windows?filter=ensemble&sort=modelVotes&direction=desc&pageSize=1`);
    const index = flagged.windows[0]?.index ?? 0;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 }, deviceScaleFactor: 1 });
      const shots = [
        { name: "run" as const, url: `${base}/runs/${runId}?w=${index}`, file: join(OUT, "run-page.png") },
        { name: "window" as const, url: `${base}/runs/${runId}/windows/${index}`, file: join(OUT, "window-page.png") },
      ];
      for (const shot of shots) {
        await capturePage(page, shot.url, shot.file, { settle: (p) => waitForPage(p, shot.name), height: HEIGHTS[shot.name] });
        console.log(`${shot.file}  ${Math.round((await stat(shot.file)).size / 1024)} KB`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.killGroup("SIGTERM");
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
