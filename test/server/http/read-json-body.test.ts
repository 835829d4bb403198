import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "@/lib/server/http/read-json-body";
import { ServiceError } from "@/lib/server/http/service-error";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/runs", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

async function refused(request: Request, status: number, message: string, limit?: number): Promise<void> {
  await assert.rejects(readJsonBody(request, limit), (error: unknown) => {
    assert.ok(error instanceof ServiceError, String(error));
    assert.equal(error.status, status);
    assert.equal(error.message, message);
    return true;
  });
}

test("a JSON object is read as its fields; anything else is a 400 with one sentence", async () => {
  assert.deepEqual(await readJsonBody(post('\uFEFF{"logFileId": 3, "votes": "2"}')), { logFileId: 3, votes: "2" });
  const notAnObject = "Send a JSON object as the request body.";
  for (const body of ["", "  ", "[]", "[1]", "3", '"text"', "null", "true"]) await refused(post(body), 400, notAnObject);
  await refused(post(null), 400, notAnObject);
  for (const body of ["{", "{logFileId: 3}", '{"a": 1,}', "NaN"]) {
    await refused(post(body), 400, "The request body is not valid JSON: send a JSON object of fields.");
  }
  await refused(post(Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), 400, "The request body is not UTF-8 text: send a JSON object encoded as UTF-8.");
});

test("the cap is 1 MiB; a body at the cap is read, one byte more is a 413", async () => {
  assert.equal(MAX_JSON_BODY_BYTES, 1024 * 1024);
  const at = `{"a":"${"x".repeat(MAX_JSON_BODY_BYTES - 8)}"}`;
  assert.equal(Buffer.byteLength(at), MAX_JSON_BODY_BYTES);
  assert.equal(Object.keys(await readJsonBody(post(at))).length, 1);
  const message = "The JSON body is larger than the limit of 1 MiB: send only the fields the request needs.";
  await refused(post(`${at} `), 413, message);
  await refused(post("{}", { "content-length": String(MAX_JSON_BODY_BYTES + 1) }), 413, message);
  await refused(post('{"a": 1}'), 413, "The JSON body is larger than the limit of 4 B: send only the fields the request needs.", 4);
});

test("a body that breaks off is a 400, not a 500", async () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":'));
      controller.error(new Error("socket hang up"));
    },
  });
  const request = new Request("http://localhost/api/runs", { method: "POST", body: stream, duplex: "half" } as RequestInit);
  await refused(request, 400, "The request body was interrupted before it was complete; try again.");
});
