import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createLogFile } from "@/lib/db/create-log-file";
import { resolveStoredPath } from "@/lib/db/database-location";
import { getLogFile } from "@/lib/db/get-log-file";
import { parsePreviewQuery, PREVIEW_LINES, previewUpload, readHead, requireLogId } from "@/lib/server/uploads/preview-upload";
import { ServiceError } from "@/lib/server/http/service-error";
import { readFixture } from "../../fixtures/fixture-path";
import { useTempDatabase } from "../../db/temp-database";

const env = useTempDatabase("logscope-preview-");
after(env.cleanup);

/**
 * Stores `bytes` as an upload the way commitUpload leaves one (file under uploads/, LogFile row),
 * without the upload checks, which are not what these tests are about.
 */
async function storeLog(name: string, bytes: Uint8Array): Promise<number> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const lines = bytes.length === 0 ? 0 : bytes.filter((b) => b === 0x0a).length + (bytes[bytes.length - 1] === 0x0a ? 0 : 1);
  const { logFile } = await createLogFile({ originalName: name, sha256, size: bytes.length, lines, unparsedLines: 0 });
  const path = resolveStoredPath(logFile.storedPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return logFile.id;
}

const text = (value: string) => new TextEncoder().encode(value);

/** The ServiceError a call throws, checked for its status. */
function refusal(work: () => unknown, status: number): ServiceError {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    assert.equal(error.status, status);
    return error;
  }
  assert.fail("expected a refusal");
}

test("a Pino JSON-lines log previews as json: every line a record, its fields in columns with line numbers", async () => {
  const id = await storeLog("pino.log", readFixture("formats", "pino.log"));
  const preview = await previewUpload(id, parsePreviewQuery({}));
  assert.equal(preview.format, "json");
  assert.equal(preview.matchRate, 1);
  assert.equal(preview.lines, 700);
  assert.equal(preview.records, 700);
  assert.equal(preview.unparsed, 0);
  assert.equal(preview.complete, true);
  assert.equal(preview.name, "pino.log");
  assert.equal(preview.firstTime, "2024-11-12T06:01:56Z");
  assert.deepEqual(preview.rows[0], {
    line: 1,
    kind: "record",
    time: "2024-11-12T06:01:56Z",
    host: "my-service",
    process: "my-app",
    level: "30",
    message: "incoming request",
    joinedLines: 0,
  });
  assert.deepEqual(
    preview.rows.slice(0, 5).map((r) => r.line),
    [1, 2, 3, 4, 5],
  );
  assert.equal(preview.rows.length, 40, "the line view stops at its first 40 rows");
  assert.deepEqual(preview.unparsedLines, []);
});

test("lines the chosen format cannot read are marked unparsed with their line numbers, in file order", async () => {
  const good = (second: number, msg: string) => `{"time":"2024-01-02T03:04:${String(second).padStart(2, "0")}Z","level":"info","msg":"${msg}"}`;
  const log = [good(1, "first"), "not json at all", good(2, "second"), "", "{broken", good(3, "third")].join("\n") + "\n";
  const id = await storeLog("mixed.log", text(log));
  const preview = await previewUpload(id, parsePreviewQuery({ format: "json" }));
  assert.equal(preview.format, "json");
  assert.equal(preview.records, 3);
  assert.deepEqual(
    preview.rows.map((r) => (r.kind === "record" ? `${r.line} ${r.message}` : `${r.line} unparsed ${r.text}`)),
    ["1 first", "2 unparsed not json at all", "3 second", "5 unparsed {broken", "6 third"],
  );
  assert.deepEqual(preview.unparsedLines, [
    { line: 2, text: "not json at all" },
    { line: 5, text: "{broken" },
  ]);
});

test("a year-less syslog log takes the year asked for, and its rows keep their host and process", async () => {
  const id = await storeLog("Linux_2k.log", readFixture("loghub", "Linux_2k.log"));
  const preview = await previewUpload(id, parsePreviewQuery({ year: "2005" }));
  assert.equal(preview.format, "syslog");
  assert.equal(preview.year, 2005);
  assert.equal(preview.firstTime, "2005-06-14T15:16:01Z");
  const first = preview.rows[0];
  assert.equal(first?.kind, "record");
  assert.equal(first.kind === "record" && `${first.time} ${first.host} ${first.process}`, "2005-06-14T15:16:01Z combo sshd(pam_unix)");
});

test("only the head of a long log is read: its first 2000 lines, counted as such", async () => {
  const line = (i: number) => `{"time":${1700000000000 + i * 1000},"level":"info","msg":"event ${i}"}\n`;
  const log = Array.from({ length: 2500 }, (_, i) => line(i)).join("");
  const id = await storeLog("long.log", text(log));
  const preview = await previewUpload(id, parsePreviewQuery({}));
  assert.equal(preview.lines, PREVIEW_LINES);
  assert.equal(preview.records, PREVIEW_LINES);
  assert.equal(preview.totalLines, 2500);
  assert.equal(preview.complete, false);
  assert.equal(preview.headBytes, Buffer.byteLength(log.split("\n").slice(0, PREVIEW_LINES).join("\n") + "\n"));
});

test("readHead stops at the last whole line within its byte limit, and keeps a lone long line whole up to it", async () => {
  const path = join(env.dir, "head.txt");
  writeFileSync(path, "aaaa\nbbbb\ncccc\n");
  const file = await open(path, "r");
  try {
    assert.equal(new TextDecoder().decode((await readHead(file, 12)).bytes), "aaaa\nbbbb\n");
    assert.equal((await readHead(file, 12)).complete, false);
    assert.equal(new TextDecoder().decode((await readHead(file, 100, 2)).bytes), "aaaa\nbbbb\n");
    assert.deepEqual(await readHead(file, 100).then((h) => [h.bytes.length, h.complete]), [15, true]);
    assert.equal(new TextDecoder().decode((await readHead(file, 3)).bytes), "aaa", "no newline within the limit: the cut line");
  } finally {
    await file.close();
    rmSync(path);
  }
});

test("an unknown format, a time zone that does not exist and a bad year are refused with a sentence each, under their field", () => {
  const format = refusal(() => parsePreviewQuery({ format: "klingon" }), 400);
  assert.match(format.message, /^Unknown log format "klingon"/);
  assert.equal(Object.keys(format.errors).join(), "format");
  const tz = refusal(() => parsePreviewQuery({ tz: "Mars/Olympus_Mons" }), 400);
  assert.match(tz.message, /Mars\/Olympus_Mons/);
  assert.equal(Object.keys(tz.errors).join(), "tz");
  const year = refusal(() => parsePreviewQuery({ year: "20x5" }), 400);
  assert.equal(year.message, "Year must be a number such as 2005.");
  assert.deepEqual(parsePreviewQuery({ format: " ", year: "", tz: "" }), { format: "auto" }, "blank fields are absent");
});

test("a log whose format cannot be detected is refused with the detector's sentence", async () => {
  const id = await storeLog("notes.txt", text("dear diary\nthe log was odd today\nno times anywhere\n"));
  await assert.rejects(previewUpload(id, parsePreviewQuery({})), (error: Error) => {
    assert.equal(error.name, "UserInputError");
    assert.match(error.message, /^Could not recognise the log's format/);
    return true;
  });
});

test("an id that names no stored log, or is no id, is a 404; a stored log whose file is gone is a 409", async () => {
  assert.equal(refusal(() => requireLogId("abc"), 404).message, 'There is no stored log "abc": upload the log again.');
  assert.equal(requireLogId("12"), 12);
  await assert.rejects(previewUpload(9999), (error: unknown) => error instanceof ServiceError && error.status === 404);
  const id = await storeLog("gone.log", text('{"time":"2024-01-02T03:04:05Z","msg":"x"}\n'));
  const stored = await getLogFile(id);
  assert.ok(stored);
  rmSync(resolveStoredPath(stored.storedPath));
  await assert.rejects(previewUpload(id), (error: unknown) => {
    assert.ok(error instanceof ServiceError);
    assert.equal(error.status, 409);
    assert.equal(error.message, "The stored copy of gone.log is no longer on the server: upload it again.");
    return true;
  });
});
