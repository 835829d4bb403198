// Browser end to end for issue #16's responsive layout: no page scrolls sideways at 390, 768 or
// 1024 px, the thresholds stack with the content below 1024 px, and the charts keep a usable width
// on a phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { previewLinuxLog, screenshot, useFivePages, type PageName } from "./browser-env";

const WIDTHS = [390, 768, 1024] as const;

const pages = useFivePages();

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
    const failures: string[] = [];
    await pages.withPage({ width, height: 900 }, async (page) => {
      for (const name of Object.keys(pages.paths) as PageName[]) {
        await pages.open(page, name);
        // Charts below the fold are built when they scroll into view: bring them all in first.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(400);
        const found = await overflow(page);
        if (found.scrollWidth > found.innerWidth) {
          failures.push(`${name}: scrollWidth ${found.scrollWidth} > innerWidth ${found.innerWidth}; widest: ${found.culprit}`);
          await screenshot(page, `responsive-${name}-${width}`);
        }
      }
    });
    assert.equal(failures.length, 0, failures.join("\n"));
  });
}

test("New run with a previewed log does not scroll sideways at 390 px", async () => {
  await pages.withPage({ width: 390, height: 844 }, async (page) => {
    await pages.open(page, "new-run");
    await previewLinuxLog(page);
    const found = await overflow(page);
    assert.ok(found.scrollWidth <= found.innerWidth, `scrollWidth ${found.scrollWidth} > ${found.innerWidth}; widest: ${found.culprit}`);
  });
});

test("on a 390 px phone the timeline is at least 300 px wide and the thresholds stack with the content", async () => {
  await pages.withPage({ width: 390, height: 844 }, async (page) => {
    await pages.open(page, "run");
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
  });
});
