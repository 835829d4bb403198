// Browser end to end for issue #16: a run in progress can be cancelled from its own page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { getJson, startDashboard, type Dashboard } from "./browser-env";
import { startLongTrainingRun } from "./long-training-run";

let app: Dashboard;

before(async () => {
  app = await startDashboard();
});

after(async () => {
  await app?.stop();
});

test("the page of a run in progress has a Cancel button that stops the job and shows the run as cancelled", async () => {
  // Still training when the button is pressed, however slow the machine.
  const id = await startLongTrainingRun(app.base);
  const { page } = app;
  await page.goto(`${app.base}/runs/${id}`);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("heading", { name: "This run was cancelled" }).waitFor({ timeout: 30_000 });
  assert.equal((await getJson<{ status: string }>(app.base, `/api/runs/${id}`)).status, "cancelled");
});
