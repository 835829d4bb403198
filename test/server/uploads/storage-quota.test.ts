import { after, afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { POST as postUpload } from "@/app/api/uploads/route";
import { openDb } from "@/lib/db/client";
import { removeUploadFile } from "@/lib/jobs/run-files";
import { storedUploadBytes } from "@/lib/server/uploads/storage-quota";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";
import { useJobsEnvironment } from "../../jobs/job-test-env";
import { postForm } from "../api/api-test-env";
import { assertOneSentence } from "../http/one-sentence";

/**
 * LOGSCOPE_STORAGE_QUOTA_BYTES: the stored uploads together stay under it. Each log below is 1 KiB
 * (eight 128-byte lines), under a quota of 2.5 KiB: two fit, a third does not.
 */

const env = useJobsEnvironment("logscope-quota-");
after(env.cleanup);
afterEach(() => {
  delete process.env.LOGSCOPE_STORAGE_QUOTA_BYTES;
});

/** A 1 KiB syslog log whose content differs by `tag`. */
function log(tag: string): Uint8Array {
  const line = (i: number) => `Jun 14 15:16:0${i} combo sshd[1]: session ${tag} opened`.padEnd(127, ".") + "\n";
  const text = Array.from({ length: 8 }, (_, i) => line(i)).join("");
  assert.equal(text.length, 1024);
  return new TextEncoder().encode(text);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
const store = (tag: string) => storeUpload(once(log(tag)), { originalName: `${tag}.log` });
const rows = async () => (await openDb()).logFile.count();
const incoming = () => {
  const dir = join(env.uploadsDir, ".incoming");
  return existsSync(dir) ? readdirSync(dir) : [];
};

test("an upload that would take the stored logs past the quota is refused with 507, naming the use and the quota", async () => {
  process.env.LOGSCOPE_STORAGE_QUOTA_BYTES = "2560";
  await store("a");
  await store("b");
  const rowsBefore = await rows();
  await assert.rejects(store("c"), (error: unknown) => {
    assert.ok(error instanceof UploadRefusedError, String(error));
    assert.equal(error.status, 507);
    assert.equal(
      error.message,
      "c.log does not fit in the storage quota, as stored logs take 2 KiB of 2.5 KiB: delete runs you no longer need (a log is deleted with its last run) or raise LOGSCOPE_STORAGE_QUOTA_BYTES.",
    );
    assertOneSentence(error.message);
    return true;
  });
  assert.equal(await rows(), rowsBefore, "no LogFile row for the refused upload");
  assert.deepEqual(incoming(), [], "its temporary file is removed");
  assert.equal(await storedUploadBytes(), 2048);
});

test("content already stored is taken when the quota is full, as it takes no more room", async () => {
  process.env.LOGSCOPE_STORAGE_QUOTA_BYTES = "2560";
  const again = await store("a");
  assert.equal(again.created, false);
  assert.equal(await storedUploadBytes(), 2048);
});

test("removing a log's file (as deleting its last run does) makes room again", async () => {
  process.env.LOGSCOPE_STORAGE_QUOTA_BYTES = "2560";
  const db = await openDb();
  const b = await db.logFile.findFirstOrThrow({ where: { originalName: "b.log" } });
  await removeUploadFile(b.storedPath);
  const c = await store("c");
  assert.equal(c.created, true);
  assert.equal(await storedUploadBytes(), 2048);
});

test("two uploads that each fit alone but not together: one is stored, the other refused", async () => {
  process.env.LOGSCOPE_STORAGE_QUOTA_BYTES = "3584";
  const results = await Promise.allSettled([store("d"), store("e")]);
  assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
  assert.equal(await storedUploadBytes(), 3072);
});

test("POST /api/uploads over the quota answers 507 with the JSON error shape", async () => {
  process.env.LOGSCOPE_STORAGE_QUOTA_BYTES = "3584";
  const response = await postUpload(postForm("/api/uploads", {}, { name: "f.log", bytes: log("f") }));
  assert.equal(response.status, 507);
  const body = (await response.json()) as { error?: unknown };
  assertOneSentence(body.error);
  assert.match(body.error, /^f\.log does not fit in the storage quota/);
});
