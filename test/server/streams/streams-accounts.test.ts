import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { getStream as storedStream } from "@/lib/db/get-stream";
import { closeLiveStreams } from "@/lib/live/stream-registry";
import { addUser, issueApiToken } from "@/lib/server/auth/accounts";
import { SIGN_IN_FIRST_API } from "@/lib/server/auth/authorize-request";
import { useTempDatabase } from "../../db/temp-database";
import { storeTrainedRun } from "../../live/trained-run";
import { assertOneSentence } from "../http/one-sentence";
import { bodyOf, createStream, getStream, listStreams, sendLines, stopStream } from "./streams-test-env";

const tmp = useTempDatabase("logscope-streams-accounts-");
after(async () => {
  await closeLiveStreams();
  await tmp.cleanup();
});
process.env.LOGSCOPE_STREAMS = "on";

const LINES = readFileSync(resolve("logs/Linux_2k.log"), "utf8").split("\n").slice(0, 30).join("\n");
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let modelRunId = 0;
let alice = { id: 0, token: "" };
let bob = { id: 0, token: "" };

before(async () => {
  ({ runId: modelRunId } = await storeTrainedRun(resolve("logs/Linux_2k.log"), { year: 2005, epochs: 3 }));
  await addUser("alice", "a long enough password");
  await addUser("bob", "another long password");
  const a = await issueApiToken("alice");
  const b = await issueApiToken("bob");
  alice = { id: a.user.id, token: a.token };
  bob = { id: b.user.id, token: b.token };
});

test("with accounts, a stream belongs to the account whose token created it, and that token sends its lines", async () => {
  const unsigned = await createStream({ name: "web", modelRunId, source: "http", year: 2005 });
  assert.equal(unsigned.status, 401);
  assert.equal((await bodyOf(unsigned)).error, SIGN_IN_FIRST_API);

  const created = await createStream({ name: "web", modelRunId, source: "http", year: 2005 }, bearer(alice.token));
  assert.equal(created.status, 201);
  const id = ((await bodyOf(created)).stream as { id: number }).id;
  assert.equal((await storedStream(id))?.ownerId, alice.id);

  const sent = await sendLines(id, LINES, { seq: 1, headers: bearer(alice.token) });
  assert.equal(sent.status, 200);
  assert.equal((await bodyOf(sent)).lines, 30);
  assert.equal((await getStream(id, bearer(alice.token))).status, 200);
  assert.ok(((await bodyOf(await listStreams("", bearer(alice.token)))).streams as { id: number }[]).some((s) => s.id === id));

  // Another account's token: refused with one sentence, whatever it asks of the stream; nothing stored.
  for (const response of [await sendLines(id, LINES, { seq: 2, headers: bearer(bob.token) }), await getStream(id, bearer(bob.token)), await stopStream(id, bearer(bob.token))]) {
    assert.equal(response.status, 403);
    const { error } = await bodyOf(response);
    assertOneSentence(error);
    assert.equal(error, `Stream ${id} belongs to another account: use a token of the account that created it.`);
  }
  assert.deepEqual((await bodyOf(await listStreams("", bearer(bob.token)))).streams, []);

  // No token, or one that was never issued: the sign-in refusal, before the stream is even looked up.
  for (const headers of [{}, bearer("x".repeat(43))]) assert.equal((await sendLines(id, LINES, { seq: 2, headers })).status, 401);
  const stored = await storedStream(id);
  assert.deepEqual([stored?.lines, stored?.lastSeq, stored?.state], [30, 1, "live"]);
  assert.equal((await stopStream(id, bearer(alice.token))).status, 200);
});
