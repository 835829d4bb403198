// Browser end to end for issue #12's guardrail: a detector flagging more than a fifth of the windows
// is named on the run page with the setting to change, and the note follows the thresholds.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { screenshot, startDashboard, type Dashboard } from "./browser-env";

let app: Dashboard;
let runId = 0;

before(async () => {
  app = await startDashboard();
  const form = new FormData();
  form.set("file", new Blob([await readFile(resolve("logs/Linux_2k.log"))]), "Linux_2k.log");
  // eps 0.01: nearly every window is DBSCAN noise.
  for (const [name, value] of Object.entries({ year: "2005", epochs: "2", eps: "0.01" })) form.set(name, value);
  const created = await fetch(`${app.base}/api/runs`, { method: "POST", body: form });
  assert.equal(created.status, 201, await created.clone().text());
  runId = ((await created.json()) as { id: number }).id;
  for (const deadline = Date.now() + 120_000; ; ) {
    const run = (await (await fetch(`${app.base}/api/runs/${runId}`)).json()) as { status: string; error?: string };
    if (run.status === "succeeded") break;
    assert.ok(run.status === "queued" || run.status === "running", `run ended ${run.status}: ${run.error}`);
    assert.ok(Date.now() < deadline, "the run did not finish in time");
    await new Promise((r) => setTimeout(r, 500));
  }
});

after(async () => {
  await app?.stop();
});

test("the run page warns that DBSCAN flags more than a fifth of the windows, and the warning goes once eps is raised", async () => {
  const { page } = app;
  await page.goto(`${app.base}/runs/${runId}`);
  const note = page.getByRole("note", { name: "Threshold warnings" });
  await note.waitFor();
  assert.match((await note.textContent()) ?? "", /DBSCAN flags \d+% of the windows \(\d+ of 235\), more than the 20% an anomaly detector should: raise eps/);
  await screenshot(page, "12-flag-share-warning");
  // The page relabels with the URL's eps once it has loaded the run's columns: the note then goes.
  await page.goto(`${app.base}/runs/${runId}?eps=50`);
  const after = page.getByRole("note", { name: "Threshold warnings" });
  await after.waitFor({ state: "detached", timeout: 20_000 }).catch(async () => assert.fail(`still warned: ${await after.textContent()}`));
});
