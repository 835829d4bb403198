import { after, test } from "node:test";
import assert from "node:assert/strict";
import { POST as postUpload } from "@/app/api/uploads/route";
import { POST as postRun } from "@/app/api/runs/route";
import { DELETE as deleteRun } from "@/app/api/runs/[id]/route";
import { POST as cancelRun } from "@/app/api/runs/[id]/cancel/route";
import { DELETE as deleteLabels, PUT as putLabels } from "@/app/api/runs/[id]/labels/route";
import { GET as getPresets, POST as postPreset } from "@/app/api/runs/[id]/presets/route";
import { GET as getRuns } from "@/app/api/runs/route";
import { GET as getRun } from "@/app/api/runs/[id]/route";
import { GET as getSeries } from "@/app/api/runs/[id]/series/route";
import { GET as getCsv } from "@/app/api/runs/[id]/windows.csv/route";
import { GET as getHosts } from "@/app/api/runs/[id]/hosts/route";
import { GET as getKDistance } from "@/app/api/runs/[id]/k-distance/route";
import { GET as getWindows } from "@/app/api/runs/[id]/windows/route";
import { GET as getWindow } from "@/app/api/runs/[id]/windows/[index]/route";
import { GET as getExplanation } from "@/app/api/runs/[id]/windows/[index]/explanation/route";
import { GET as getPreview } from "@/app/api/uploads/[id]/preview/route";
import { addUser, issueApiToken } from "@/lib/server/auth/accounts";
import { SIGN_IN_FIRST_API } from "@/lib/server/auth/authorize-request";
import { useTempDatabase } from "../../db/temp-database";

// Requests with a body may skip middleware.ts (its matcher), so every route that changes something
// checks sign-in itself. HOST is the default loopback here: with an account, sign-in is required there too.
const tmp = useTempDatabase("logscope-auth-routes-");
after(tmp.cleanup);

const params = { params: Promise.resolve({ id: "999" }) };
const body = (method: string, path: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3000${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: "{}" });

const routes: [string, (headers?: Record<string, string>) => Promise<Response>][] = [
  ["POST /api/uploads", (h) => postUpload(body("POST", "/api/uploads", h))],
  ["POST /api/runs", (h) => postRun(body("POST", "/api/runs", h))],
  ["DELETE /api/runs/999", (h) => deleteRun(body("DELETE", "/api/runs/999", h), params)],
  ["POST /api/runs/999/cancel", (h) => cancelRun(body("POST", "/api/runs/999/cancel", h), params)],
  ["PUT /api/runs/999/labels", (h) => putLabels(body("PUT", "/api/runs/999/labels", h), params)],
  ["DELETE /api/runs/999/labels", (h) => deleteLabels(body("DELETE", "/api/runs/999/labels", h), params)],
  ["POST /api/runs/999/presets", (h) => postPreset(body("POST", "/api/runs/999/presets", h), params)],
];

test("without accounts on loopback, the routes that change something act as before (here: a refusal of the empty input)", async () => {
  for (const [name, call] of routes) assert.notEqual((await call()).status, 401, name);
});

type Call = (headers?: Record<string, string>) => Promise<Response>;

/** Each call answers 401 with the sign-in sentence without a token, and something else with `token`. */
async function assertTokenNeeded(calls: readonly (readonly [string, Call])[], token: string): Promise<void> {
  for (const [name, call] of calls) {
    const refused = await call();
    assert.equal(refused.status, 401, name);
    assert.deepEqual(await refused.json(), { error: SIGN_IN_FIRST_API }, name);
    assert.notEqual((await call({ authorization: `Bearer ${token}` })).status, 401, name);
  }
}

test("with an account, every route that changes something answers 401 without a token and acts with one", async () => {
  await addUser("alice", "a long enough password");
  const { token } = await issueApiToken("alice");
  await assertTokenNeeded(routes, token);
});

// A GET may carry a body too, and then skips middleware.ts like an upload: every read checks itself.
const read = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:3000${path}`, { method: "GET", headers });
const windowParams = { params: Promise.resolve({ id: "999", index: "0" }) };
const reads: [string, (headers?: Record<string, string>) => Promise<Response>][] = [
  ["GET /api/runs", (h) => getRuns(read("/api/runs", h))],
  ["GET /api/runs/999", (h) => getRun(read("/api/runs/999", h), params)],
  ["GET /api/runs/999/presets", (h) => getPresets(read("/api/runs/999/presets", h), params)],
  ["GET /api/runs/999/series", (h) => getSeries(read("/api/runs/999/series", h), params)],
  ["GET /api/runs/999/windows.csv", (h) => getCsv(read("/api/runs/999/windows.csv", h), params)],
  ["GET /api/runs/999/k-distance", (h) => getKDistance(read("/api/runs/999/k-distance", h), params)],
  ["GET /api/runs/999/hosts", (h) => getHosts(read("/api/runs/999/hosts", h), params)],
  ["GET /api/runs/999/windows", (h) => getWindows(read("/api/runs/999/windows", h), params)],
  ["GET /api/runs/999/windows/0", (h) => getWindow(read("/api/runs/999/windows/0", h), windowParams)],
  ["GET /api/runs/999/windows/0/explanation", (h) => getExplanation(read("/api/runs/999/windows/0/explanation", h), windowParams)],
  ["GET /api/uploads/999/preview", (h) => getPreview(read("/api/uploads/999/preview", h), params)],
];

test("with an account, every read answers 401 without a token and answers with one", async () => {
  const { token } = await issueApiToken("alice");
  await assertTokenNeeded(reads, token);
});
