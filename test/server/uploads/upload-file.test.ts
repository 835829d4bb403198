import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { openDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/http/http-response";
import { receiveMultipart } from "@/lib/server/http/receive-multipart";
import { ServiceError } from "@/lib/server/http/service-error";
import { receiveLabelsFile } from "@/lib/server/uploads/store-labels";
import { receiveUpload } from "@/lib/server/uploads/store-upload";
import type { OpenUploadFile } from "@/lib/server/uploads/upload-file";
import { useJobsEnvironment, waitFor } from "../../jobs/job-test-env";
import { assertOneSentence } from "../http/one-sentence";

/**
 * A full disk while an upload is written (ENOSPC, or EDQUOT for a used-up quota) is a 507 with one
 * sentence, not a 500, and the partial file is removed. The disk is not filled for real: the
 * writer the upload goes through fails the way a full one does once some bytes are in.
 */

const env = useJobsEnvironment("logscope-disk-full-");
after(env.cleanup);

const DISK_FULL = "The server's disk is full, so the upload was not stored; try again once space has been freed.";
const LINE = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0\n";
const LOG = new TextEncoder().encode(LINE.repeat(4000)); // ~340 KB, several writes

/** Real files, whose writes fail with `code` once `room` bytes are written (as the kernel's would). */
function fullDiskAfter(room: number, code = "ENOSPC"): { openFile: OpenUploadFile; opened: string[] } {
  const opened: string[] = [];
  const openFile: OpenUploadFile = async (path) => {
    opened.push(path);
    const file = await open(path, "wx");
    let written = 0;
    return {
      write: async (chunk: Uint8Array) => {
        if (written + chunk.length > room) {
          throw Object.assign(new Error(`${code}: no space left on device, write`), { code, errno: -28, syscall: "write" });
        }
        written += chunk.length;
        return file.write(chunk);
      },
      close: () => file.close(),
    };
  };
  return { openFile, opened };
}

/** Every file under DATA_DIR's uploads/ and labels/, unfinished ones included. */
function filesLeft(): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])) : [];
  return [...walk(join(env.dir, "uploads")), ...walk(join(env.dir, "labels"))];
}

async function* chunks(bytes: Uint8Array, size = 16 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function assertDiskFull(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ServiceError, String(error));
    assert.equal(error.status, 507);
    assert.equal(error.message, DISK_FULL);
    return true;
  });
}

test("a log upload that fills the disk is a 507 and its partial file is removed", async () => {
  const disk = fullDiskAfter(100_000);
  await assertDiskFull(receiveUpload(chunks(LOG), { originalName: "big.log", openFile: disk.openFile }));
  assert.equal(disk.opened.length, 1);
  assert.equal(existsSync(disk.opened[0] ?? ""), false, "the partial .part file is gone");
  assert.deepEqual(filesLeft(), []);
  assert.equal(await (await openDb()).logFile.count(), 0);
});

test("a used-up quota (EDQUOT) is the same 507, and a labels file that fills the disk leaves no folder behind", async () => {
  await assertDiskFull(receiveUpload(chunks(LOG), { originalName: "big.log", openFile: fullDiskAfter(0, "EDQUOT").openFile }));
  const disk = fullDiskAfter(50_000);
  await assertDiskFull(receiveLabelsFile(chunks(LOG), { originalName: "labels.txt", openFile: disk.openFile }));
  assert.equal(existsSync(disk.opened[0] ?? ""), false);
  assert.deepEqual(filesLeft(), []);
});

test("through the multipart parser the API answers 507 in its JSON error shape, with both files removed", async () => {
  const form = new FormData();
  form.set("year", "2005");
  form.set("labels", new Blob(["- ok\n".repeat(10)]), "labels.txt");
  form.set("file", new Blob([LOG]), "big.log");
  const request = new Request("http://localhost/api/runs", { method: "POST", body: form });
  const disk = fullDiskAfter(200_000);
  let caught: unknown;
  await receiveMultipart(request, { openFile: disk.openFile }).catch((error: unknown) => (caught = error));
  assert.ok(caught instanceof ServiceError, String(caught));
  const response = errorResponse(caught, "start run");
  assert.equal(response.status, 507);
  const body = (await response.json()) as { error: unknown };
  assertOneSentence(body.error);
  assert.deepEqual(body, { error: DISK_FULL });
  // The labels file was received in full before the log failed: it is discarded too.
  await waitFor("the labels file to be discarded", async () => filesLeft().length === 0, 5000, async () => filesLeft());
});

test("other write failures are not dressed up as a full disk", async () => {
  const failing: OpenUploadFile = async () => ({
    write: async () => {
      throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
    },
    close: async () => undefined,
  });
  await assert.rejects(receiveUpload(chunks(LOG), { originalName: "big.log", openFile: failing }), /EIO/);
  const response = errorResponse(Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" }), "upload");
  assert.equal(response.status, 500);
  assert.equal(((await response.json()) as { error: string }).error, "The server could not complete the request; see the server log.");
});
