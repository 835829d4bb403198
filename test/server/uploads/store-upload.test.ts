import { after, afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { openDb } from "@/lib/db/client";
import { resolveStoredPath } from "@/lib/db/database-location";
import { withWriteTransaction } from "@/lib/db/raw-connection";
import { discardUpload, receiveUpload, storeUpload } from "@/lib/server/uploads/store-upload";
import type { OpenUploadFile } from "@/lib/server/uploads/upload-file";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";
import { useJobsEnvironment } from "../../jobs/job-test-env";

const env = useJobsEnvironment("logscope-uploads-");
after(env.cleanup);
afterEach(() => {
  delete process.env.LOGSCOPE_MAX_UPLOAD_BYTES;
});

const SYSLOG = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0\n";

/** The bytes in chunks of at most `size`, as a request body would arrive. */
async function* chunked(bytes: Uint8Array, size = 1000): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Every file under uploads/, the unfinished ones included. */
function storedFiles(): string[] {
  const walk = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [e.name])) : [];
  return walk(env.uploadsDir);
}
const logFileRows = async () => (await openDb()).logFile.count();

async function assertRefused(bytes: Uint8Array, status: number, message: RegExp) {
  const before = storedFiles();
  await assert.rejects(storeUpload(chunked(bytes), { originalName: "bad.log" }), (error: unknown) => {
    assert.ok(error instanceof UploadRefusedError, String(error));
    assert.equal(error.status, status);
    assert.match(error.message, message);
    return true;
  });
  assert.deepEqual(storedFiles(), before, "nothing is left under uploads/");
}

test("empty, binary, broken gzip and oversized uploads are refused and leave nothing behind", async () => {
  const rowsBefore = await logFileRows();
  await assertRefused(new Uint8Array(0), 400, /^bad\.log is empty/);
  await assertRefused(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]), 415, /looks like a binary file/);
  await assertRefused(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x41, 0x42]), 400, /^bad\.log is not a complete gzip file \(it ends before its compressed data does\): /);
  const whole = gzipSync(bytesOf(SYSLOG.repeat(50)));
  await assertRefused(whole.subarray(0, whole.length - 12), 400, /^bad\.log is not a complete gzip file/);
  process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "1024";
  await assertRefused(bytesOf(SYSLOG.repeat(20)), 413, /larger than the upload limit of 1 KiB:/);
  assert.equal(await logFileRows(), rowsBefore, "no LogFile row was created");
});

test("an upload is stored once per content under its hash, never under the name it came with", async () => {
  const text = `${SYSLOG}${SYSLOG.replace("15:16:01", "15:17:30")}garbage line\n${SYSLOG.replace("15:16:01", "15:20:00").trimEnd()}`;
  const bytes = bytesOf(text);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const first = await storeUpload(chunked(bytes, 7), { originalName: "../../etc/evil\u0000name.log" });
  assert.equal(first.created, true);
  assert.equal(first.logFile.sha256, sha256);
  assert.equal(first.logFile.storedPath, `uploads/${sha256}.log`);
  assert.equal(first.logFile.originalName, "evilname.log");
  assert.deepEqual([first.logFile.size, first.logFile.lines, first.logFile.unparsedLines], [bytes.length, 4, 1]);
  assert.deepEqual(readFileSync(resolveStoredPath(first.logFile.storedPath)), Buffer.from(bytes));

  const again = await storeUpload(chunked(bytes, 3), { originalName: "copy.log" });
  assert.equal(again.created, false);
  assert.equal(again.logFile.id, first.logFile.id);
  assert.deepEqual(storedFiles(), [`${sha256}.log`]);
});

test("a web ReadableStream body is streamed the same way", async () => {
  const bytes = bytesOf(SYSLOG.repeat(3000));
  const body = new Blob([bytes]).stream();
  const { logFile } = await storeUpload(body, { originalName: "stream.log" });
  assert.equal(logFile.size, bytes.length);
  assert.equal(logFile.lines, 3000);
  assert.equal(logFile.unparsedLines, 0);
});

test("a text log of any format is kept, its records counted in the format detected on its head", async () => {
  const json = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), msg: `event ${i}` })).join("\n");
  const stored = await storeUpload(chunked(bytesOf(`${json}\nnot json\n`), 4096), { originalName: "app.jsonl" });
  assert.deepEqual([stored.logFile.lines, stored.logFile.unparsedLines], [1201, 1]);

  // Syslog lines that §1 rejects but its variants read (ISO stamps) are records, as a run reads them.
  const variants = `${SYSLOG}2025-06-14T15:16:02.123Z combo sshd[1]: accepted\n`;
  const mixed = await storeUpload(chunked(bytesOf(variants)), { originalName: "mixed.log" });
  assert.deepEqual([mixed.logFile.lines, mixed.logFile.unparsedLines], [2, 0]);

  // No format recognised: kept (a declared template may read it), every line unparsed for now.
  const notes = await storeUpload(chunked(bytesOf("x,y,z\n".repeat(1500))), { originalName: "notes.txt" });
  assert.deepEqual([notes.logFile.lines, notes.logFile.unparsedLines], [1500, 1500]);
});

test("a gzip upload is stored as the text it holds, hashed and counted as that text", async () => {
  const text = SYSLOG.repeat(300);
  const stored = await storeUpload(chunked(gzipSync(bytesOf(text)), 5), { originalName: "rotated.log.gz" });
  assert.equal(stored.logFile.sha256, createHash("sha256").update(text).digest("hex"));
  assert.equal(stored.logFile.lines, 300);
  assert.equal(Number(stored.logFile.size), text.length);
  assert.equal(readFileSync(resolveStoredPath(stored.logFile.storedPath), "utf8"), text);
});

test("the upload limit counts the decompressed bytes, so a small gzip that expands past it is refused", async () => {
  process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "100KiB";
  const bomb = gzipSync(bytesOf(SYSLOG.repeat(5000)));
  assert.ok(bomb.length < 10_000);
  await assertRefused(bomb, 413, /larger than the upload limit of 100 KiB/);
});

test("when recording an upload fails after its file was placed, the file stays (another server's row may name it) and the same content later reuses it", async () => {
  const bytes = bytesOf(SYSLOG.replace("15:16:01", "09:09:09").repeat(3));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await withWriteTransaction((db) => db.exec(`CREATE TRIGGER refuse_log_files BEFORE INSERT ON "LogFile" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;`));
  try {
    await assert.rejects(storeUpload(chunked(bytes), { originalName: "race.log" }));
  } finally {
    await withWriteTransaction((db) => db.exec(`DROP TRIGGER refuse_log_files`));
  }
  assert.ok(storedFiles().includes(`${sha256}.log`), "the placed file was kept");
  const { logFile, created } = await storeUpload(chunked(bytes), { originalName: "race.log" });
  assert.equal(created, true);
  assert.deepEqual(readFileSync(resolveStoredPath(logFile.storedPath)), Buffer.from(bytes));
});

test("an upload's chunks are written in order, one write at a time, while the next chunk is already being read", async () => {
  const parts = Array.from({ length: 6 }, (_, k) => bytesOf(SYSLOG.replace("15:16:01", `15:16:0${k}`).repeat(20)));
  const events: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const written: Uint8Array[] = [];
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const [k, part] of parts.entries()) {
      events.push(`read ${k}`);
      yield part;
    }
  }
  const openFile: OpenUploadFile = async (path) => {
    const file = await open(path, "wx");
    return {
      write: async (chunk: Uint8Array) => {
        const k = written.length;
        written.push(chunk);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await file.write(chunk);
        inFlight--;
        events.push(`wrote ${k}`);
      },
      close: () => file.close(),
    };
  };
  const upload = await receiveUpload(source(), { originalName: "slow-disk.log", openFile });
  try {
    assert.equal(mostInFlight, 1, "never two writes at once");
    assert.deepEqual(readFileSync(upload.tempPath), Buffer.concat(parts), "every chunk, in order");
    assert.equal(upload.lines, 120);
    assert.ok(events.indexOf("read 1") < events.indexOf("wrote 0"), `the second chunk was read while the first was written: ${events.join(", ")}`);
  } finally {
    await discardUpload(upload);
  }
});
