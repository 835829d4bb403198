import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { PUT as putLabels } from "@/app/api/runs/[id]/labels/route";
import { POST as postPreset } from "@/app/api/runs/[id]/presets/route";
import { POST as postCancel } from "@/app/api/runs/[id]/cancel/route";
import { DELETE as deleteRun } from "@/app/api/runs/[id]/route";
import { GET as listRuns, POST as postRun } from "@/app/api/runs/route";
import { POST as postUpload } from "@/app/api/uploads/route";
import { openDb } from "@/lib/db/client";
import { storeLinuxLog, useJobsEnvironment } from "../../jobs/job-test-env";
import { BASE, routeParams } from "../api/api-test-env";
import { assertOneSentence } from "../http/one-sentence";

/**
 * A request carrying a body skips middleware.ts (its matcher), so each route handler makes the
 * Host and cross-site checks itself (authorizeRequest → checkIncoming). Here the handlers are
 * called directly, as Next calls them for such a request, with a rebinding page's Host or an old
 * browser's foreign Origin: each refuses before touching anything.
 */

const env = useJobsEnvironment("logscope-handler-checks-");
after(env.cleanup);
afterEach(() => {
  delete process.env.ALLOWED_HOSTS;
});

let logFileId = 0;
before(async () => {
  logFileId = await storeLinuxLog();
});

const REBOUND = { host: "attacker.example:3000", "sec-fetch-site": "same-origin", origin: "http://attacker.example:3000" };
const OLD_BROWSER_FORGED = { host: "localhost:3000", origin: "http://127.0.0.2:4000" };

function request(method: string, path: string, headers: Record<string, string>, body?: BodyInit): Request {
  return new Request(`${BASE}${path}`, { method, headers, body });
}

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
};

/** Each state-changing route, called with `headers` and a body. */
function calls(headers: Record<string, string>): [string, () => Promise<Response>][] {
  const json = { ...headers, "content-type": "application/json" };
  const id = routeParams({ id: "1" });
  return [
    ["POST /api/runs", () => postRun(request("POST", "/api/runs", json, JSON.stringify({ logFileId, year: 2005 })))],
    ["POST /api/uploads", () => postUpload(request("POST", "/api/uploads", headers, form({ file: "Jun 14 15:16:01 combo sshd[1]: x" })))],
    ["PUT labels", () => putLabels(request("PUT", "/api/runs/1/labels?name=l.txt", headers, "Jun 14 15:16:01\n"), id)],
    ["POST presets", () => postPreset(request("POST", "/api/runs/1/presets", { ...headers, "content-type": "text/plain" }, JSON.stringify({ name: "p" })), id)],
    ["POST cancel", () => postCancel(request("POST", "/api/runs/1/cancel", headers, "x"), id)],
    ["DELETE run", () => deleteRun(request("DELETE", "/api/runs/1", headers, "x"), id)],
  ];
}

async function assertNothingChanged(): Promise<void> {
  const db = await openDb();
  assert.equal(await db.run.count(), 0);
  assert.equal(await db.logFile.count(), 1);
}

test("a rebinding page's posts (same-origin to the browser, under a foreign Host) get 421 from each route", async () => {
  for (const [name, call] of calls(REBOUND)) {
    const response = await call();
    assert.equal(response.status, 421, name);
    const body = (await response.json()) as { error?: unknown };
    assertOneSentence(body.error, name);
    assert.match(body.error, /does not answer to the host "attacker\.example:3000"/, name);
  }
  await assertNothingChanged();
});

test("an old browser's forged posts (a foreign Origin, no Sec-Fetch-Site) get 403 from each route", async () => {
  for (const [name, call] of calls(OLD_BROWSER_FORGED)) {
    const response = await call();
    assert.equal(response.status, 403, name);
    assertOneSentence(((await response.json()) as { error?: unknown }).error, name);
  }
  await assertNothingChanged();
});

test("a read with a body under a foreign Host gets 421 too", async () => {
  const response = await listRuns(request("GET", "/api/runs", { host: "attacker.example" }));
  assert.equal(response.status, 421);
});

test("a name from ALLOWED_HOSTS is the server's own: its page's post goes through", async () => {
  process.env.ALLOWED_HOSTS = "logs.example.com";
  const own = { host: "logs.example.com", "sec-fetch-site": "same-origin", origin: "http://logs.example.com", "content-type": "application/json" };
  const response = await postRun(request("POST", "/api/runs", own, JSON.stringify({ logFileId, year: 2005 })));
  assert.equal(response.status, 201, await response.clone().text());
});
