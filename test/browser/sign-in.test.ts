// Browser end to end for sign-in (issue #13): a server with no account is open on loopback as
// before; once `npm run users -- add` made one, pages send Chromium to /sign-in, the right password
// lets it in and the dashboard works, and the API wants a Bearer token from `npm run users -- token`
// until it is revoked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runUsersCommand } from "../cli/run-users-command";
import { screenshot, startDashboard, type Dashboard } from "./browser-env";

let app: Dashboard;

before(async () => {
  app = await startDashboard();
});

after(async () => {
  await app?.stop();
});

/** npm run users on the dashboard's database. */
const users = (args: string[], stdin = "") =>
  runUsersCommand(args, { dataDir: app.dataDir, databaseUrl: `file:${join(app.dataDir, "logscope.db")}` }, stdin);

test("with an account, pages ask Chromium to sign in, a wrong password is refused in a sentence, and the right one opens the dashboard", async () => {
  assert.equal((await fetch(`${app.base}/api/runs`)).status, 200, "no account on loopback: open as before");
  const added = await users(["add", "analyst"], "correct horse battery staple\n");
  assert.equal(added.code, 0, added.stderr);

  const { page } = app;
  const redirect = await fetch(`${app.base}/runs/new`, { redirect: "manual" });
  assert.equal(redirect.status, 303);
  // Next writes a loopback address as localhost in a middleware's redirect (lib/server/auth/authorize-request.ts).
  const signInUrl = new URL(redirect.headers.get("location") ?? "");
  assert.equal(`${signInUrl.pathname}${signInUrl.search}`, "/sign-in?next=%2Fruns%2Fnew");
  assert.ok(["127.0.0.1", "localhost"].includes(signInUrl.hostname), signInUrl.hostname);
  await page.goto(`${app.base}/runs/new`);
  assert.match(page.url(), /\/sign-in\?next=%2Fruns%2Fnew$/, page.url());
  await page.getByLabel("User name").fill("analyst");
  await page.getByLabel("Password").fill("wrong password, sorry");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The form's own alert (Next's route announcer has role="alert" too).
  const alert = page.locator("form [role=alert]");
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? "", /\S.*\.$/, "one sentence");
  assert.match(page.url(), /\/sign-in/);
  assert.equal(await page.getByLabel("User name").inputValue(), "analyst", "a wrong password keeps the name");

  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/runs\/new$/);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await screenshot(page, "sign-in-01-signed-in-new-run");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "logscope_session");
  assert.ok(session?.httpOnly, "the session cookie is HttpOnly");
  assert.equal(session?.sameSite, "Lax");
  // The page's own API calls ride on the session cookie.
  const fromPage = await page.evaluate(async () => (await fetch("/api/runs")).status);
  assert.equal(fromPage, 200);

  // The header says who is signed in, and its Sign out button ends the session.
  const banner = page.getByRole("banner");
  assert.equal(await banner.getByText("analyst", { exact: true }).count(), 1);
  await banner.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in$/);
  assert.equal(await page.getByRole("banner").getByRole("button", { name: "Sign out" }).count(), 0);
  await page.goto(`${app.base}/runs/new`);
  assert.match(page.url(), /\/sign-in\?next=%2Fruns%2Fnew$/, "signed out: pages ask again");
});

test("the API answers 401 without a token, works with one, and refuses it once revoked", async () => {
  const refused = await fetch(`${app.base}/api/runs`);
  assert.equal(refused.status, 401);
  assert.match(((await refused.json()) as { error: string }).error, /^Sign in first: .*\.$/);
  const issued = await users(["token", "analyst"]);
  assert.equal(issued.code, 0, issued.stderr);
  const token = issued.stdout.trimEnd().split("\n").at(-1) ?? "";
  const headers = { authorization: `Bearer ${token}` };
  assert.equal((await fetch(`${app.base}/api/runs`, { headers })).status, 200);
  const revoked = await users(["revoke", "analyst"]);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal((await fetch(`${app.base}/api/runs`, { headers })).status, 401);
});
