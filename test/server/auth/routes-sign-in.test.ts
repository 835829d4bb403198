import { after, test } from "node:test";
import assert from "node:assert/strict";
import { POST as postUpload } from "@/app/api/uploads/route";
import { POST as postRun } from "@/app/api/runs/route";
import { DELETE as deleteRun } from "@/app/api/runs/[id]/route";
import { POST as cancelRun } from "@/app/api/runs/[id]/cancel/route";
import { DELETE as deleteLabels, PUT as putLabels } from "@/app/api/runs/[id]/labels/route";
import { POST as postPreset } from "@/app/api/runs/[id]/presets/route";
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

test("with an account, every route that changes something answers 401 without a token and acts with one", async () => {
  await addUser("alice", "a long enough password");
  const { token } = await issueApiToken("alice");
  for (const [name, call] of routes) {
    const refused = await call();
    assert.equal(refused.status, 401, name);
    assert.deepEqual(await refused.json(), { error: SIGN_IN_FIRST_API }, name);
    assert.notEqual((await call({ authorization: `Bearer ${token}` })).status, 401, name);
  }
});
