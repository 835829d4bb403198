// Browser end to end for issue #16's accessibility points: axe-core (the npm package, injected into
// Chromium) finds no serious or critical violation on the five main pages at 1440 and 390 px, and the
// first Tab press reaches a skip link to the main content. The pages send a nonce-only CSP, so the
// axe pages bypass it to take the injected script.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, previewLinuxLog, screenshot, useFivePages, type PageName } from "./browser-env";

const AXE = resolve("node_modules/axe-core/axe.min.js");
const WIDTHS = [1440, 390] as const;

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** Each node's HTML and axe's summary of what is wrong with it, for the JSON artifact. */
  nodes: string[];
}

const pages = useFivePages();

/** axe-core's violations on the page as it is now, serious and critical ones only. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const all = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run: (
          context: Document,
          options: object,
        ) => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }>;
      };
    };
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
      nodes: v.nodes.map((n) => `${n.html.slice(0, 200)}\n  ${n.failureSummary ?? ""}`),
    }));
  });
  return all.filter((v) => v.impact === "serious" || v.impact === "critical");
}

function describe(violations: Violation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}, ${v.targets.length}): ${v.help}; ${v.targets.slice(0, 4).join(" | ")}`).join("\n");
}

for (const width of WIDTHS) {
  test(`axe-core finds no serious or critical violation on the home, run, window, new-run and compare pages at ${width} px`, async () => {
    const failures: string[] = [];
    await pages.withPage({ width, height: 900 }, async (page) => {
      for (const name of Object.keys(pages.paths) as PageName[]) {
        await pages.open(page, name);
        const violations = await seriousViolations(page);
        if (violations.length > 0) {
          failures.push(`${name} at ${width} px:\n${describe(violations)}`);
          await writeFile(join(ARTIFACTS, `a11y-${name}-${width}.json`), JSON.stringify(violations, null, 2));
          await screenshot(page, `a11y-${name}-${width}`);
        }
      }
    }, true);
    assert.equal(failures.length, 0, failures.join("\n\n"));
  });
}

test("axe-core finds no serious or critical violation on New run once a log is chosen and previewed, at 1440 and 390 px", async () => {
  const failures: string[] = [];
  for (const width of WIDTHS) {
    await pages.withPage({ width, height: 900 }, async (page) => {
      await pages.open(page, "new-run");
      await previewLinuxLog(page);
      await page.getByText(/stored as log file/i).waitFor({ timeout: 60_000 });
      const violations = await seriousViolations(page);
      if (violations.length > 0) failures.push(`new-run with a log at ${width} px:\n${describe(violations)}`);
    }, true);
  }
  assert.equal(failures.length, 0, failures.join("\n\n"));
});

test("the first Tab press on a run page reaches a skip link that moves focus to the main content", async () => {
  await pages.withPage({ width: 1440, height: 900 }, async (page) => {
    await pages.open(page, "run");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent ?? "", href: document.activeElement?.getAttribute("href") }));
    assert.equal(focused.text.trim(), "Skip to content");
    assert.equal(focused.href, "#content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => document.getElementById("content")?.contains(document.activeElement) ?? false);
    assert.ok(inMain, "after the skip link, the next Tab lands inside <main id=\"content\">");
  });
});

test("the raw log lines of a window can be scrolled from the keyboard", async () => {
  await pages.withPage({ width: 1440, height: 900 }, async (page) => {
    await pages.open(page, "window");
    const region = page.getByRole("region", { name: "Log lines of this window" });
    assert.equal(await region.getAttribute("tabindex"), "0");
  });
});
