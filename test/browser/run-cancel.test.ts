// Browser end to end for issue #16: a run in progress can be cancelled from its own page.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { getJson, startDashboard, type Dashboard } from "./browser-env";

let app: Dashboard;

before(async () => {
  app = await startDashboard();
});

after(async () => {
  await app?.stop();
});

test("the page of a run in progress has a Cancel button that stops the job and shows the run as cancelled", async () => {
  const form = new FormData();
  form.set("file", new Blob([await readFile(resolve("logs/Linux_2k.log"))]), "Linux_2k.log");
  // 1000 epochs: still training when the button is pressed.
  for (const [name, value] of Object.entries({ year: "2005", epochs: "1000" })) form.set(name, value);
  const created = await fetch(`${app.base}/api/runs`, { method: "POST", body: form });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = (await created.json()) as { id: number };
  const { page } = app;
  await page.goto(`${app.base}/runs/${id}`);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("heading", { name: "This run was cancelled" }).waitFor({ timeout: 30_000 });
  assert.equal((await getJson<{ status: string }>(app.base, `/api/runs/${id}`)).status, "cancelled");
});
