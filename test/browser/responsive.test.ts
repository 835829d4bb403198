// Browser end to end for issue #16's responsive layout: no page scrolls sideways at 390, 768 or
// 1024 px, the thresholds stack with the content below 1024 px, and the charts keep a usable width
// on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { fivePagePaths, screenshot, startDashboard, waitForPage, type Dashboard, type PageName } from "./browser-env";

const WIDTHS = [390, 768, 1024] as const;

let app: Dashboard;
let paths: Record<PageName, string>;

before(async () => {
  app = await startDashboard();
  paths = await fivePagePaths(app.base);
});

after(async () => {
  await app?.stop();
});

/** The widest element sticking out past the viewport's right edge, to name in a failure. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprit: string }> {
  return page.evaluate(() => {
    let culprit = "";
    let right = window.innerWidth;
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 0.5 && box.width > 0) {
        right = box.right;
        culprit = `${element.tagName.toLowerCase()}.${String(element.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprit };
  });
}

for (const width of WIDTHS) {
  test(`the home, run, window, new-run and compare pages do not scroll sideways at ${width} px`, async () => {
    const page = await app.browser.newPage({ viewport: { width, height: 900 } });
    try {
      const failures: string[] = [];
      for (const [name, path] of Object.entries(paths) as [PageName, string][]) {
        await page.goto(`${app.base}${path}`);
        await waitForPage(page, name);
        // Charts below the fold are built when they scroll into view: bring them all in first.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(400);
        const found = await overflow(page);
        if (found.scrollWidth > found.innerWidth) {
          failures.push(`${name}: scrollWidth ${found.scrollWidth} > innerWidth ${found.innerWidth}; widest: ${found.culprit}`);
          await screenshot(page, `responsive-${name}-${width}`);
        }
      }
      assert.equal(failures.length, 0, failures.join("\n"));
    } finally {
      await page.close();
    }
  });
}

test("New run with a previewed log does not scroll sideways at 390 px", async () => {
  const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${app.base}/runs/new`);
    await waitForPage(page, "new-run");
    await page.getByLabel("Choose a log file to upload").setInputFiles(resolve("logs/Linux_2k.log"));
    await page.getByRole("table", { name: /first lines of Linux_2k\.log/ }).waitFor({ timeout: 60_000 });
    const found = await overflow(page);
    assert.ok(found.scrollWidth <= found.innerWidth, `scrollWidth ${found.scrollWidth} > ${found.innerWidth}; widest: ${found.culprit}`);
  } finally {
    await page.close();
  }
});

test("on a 390 px phone the timeline is at least 300 px wide and the thresholds stack with the content", async () => {
  const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${app.base}${paths.run}`);
    await waitForPage(page, "run");
    const timeline = page.getByRole("application");
    const canvas = timeline.locator("canvas").first();
    const canvasBox = await canvas.boundingBox();
    assert.ok(canvasBox && canvasBox.width >= 300, `the timeline canvas is ${canvasBox?.width ?? 0} px wide`);
    const slider = page.getByLabel("IF contamination slider");
    const sliderBox = await slider.boundingBox();
    assert.ok(sliderBox, "the contamination slider is on the page");
    // Stacked: the thresholds do not sit beside the timeline, and nothing covers the timeline.
    const overlaps = sliderBox.y < canvasBox.y + canvasBox.height && sliderBox.y + sliderBox.height > canvasBox.y;
    assert.ok(!overlaps, "the thresholds panel overlaps the timeline");
    const position = await slider.evaluate((el) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const value = getComputedStyle(node).position;
        if (value === "sticky" || value === "fixed") return value;
      }
      return "static";
    });
    assert.equal(position, "static", "below 1024 px the thresholds panel is not sticky");
    await screenshot(page, "responsive-run-390");
  } finally {
    await page.close();
  }
});
