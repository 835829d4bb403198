// GET /api/uploads/:id/preview through the route handler, as Next calls it: a stored log's head
// read as records, and refusals as { error, errors } with their status.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { GET as getPreview } from "@/app/api/uploads/[id]/preview/route";
import { createLogFile } from "@/lib/db/create-log-file";
import { resolveStoredPath } from "@/lib/db/database-location";
import { readFixture } from "../../fixtures/fixture-path";
import { useTempDatabase } from "../../db/temp-database";
import { get, json, routeParams } from "./api-test-env";

const env = useTempDatabase("logscope-preview-api-");
after(env.cleanup);

/** Stores a log as commitUpload leaves one (file and row), without the upload's own checks. */
async function storeLog(name: string, bytes: Uint8Array): Promise<number> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const lines = bytes.filter((b) => b === 0x0a).length;
  const { logFile } = await createLogFile({ originalName: name, sha256, size: bytes.length, lines, unparsedLines: 0 });
  const path = resolveStoredPath(logFile.storedPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return logFile.id;
}

const preview = (id: number | string, query = "") => getPreview(get(`/api/uploads/${id}/preview${query}`), routeParams({ id: String(id) }));

let pinoId = 0;

test("a stored JSON-lines log answers 200 with its detected format, match rate and first records", async () => {
  pinoId = await storeLog("pino.log", readFixture("formats", "pino.log"));
  const response = await preview(pinoId);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  const body = await json(response);
  assert.equal(body.format, "json");
  assert.equal(body.matchRate, 1);
  assert.equal(body.records, 700);
  assert.equal(body.logFileId, pinoId);
  const rows = body.rows as { line: number; kind: string; host: string; message: string }[];
  assert.deepEqual([rows[0]?.line, rows[0]?.kind, rows[0]?.host, rows[0]?.message], [1, "record", "my-service", "incoming request"]);
});

test("a chosen format that reads nothing is still a preview: every line unparsed, match rate 0", async () => {
  const body = await json(await preview(pinoId, "?format=access"));
  assert.equal(body.format, "access");
  assert.equal(body.matchRate, 0);
  assert.equal(body.records, 0);
  const rows = body.rows as { line: number; kind: string }[];
  assert.deepEqual(rows.slice(0, 2).map((r) => `${r.line} ${r.kind}`), ["1 unparsed", "2 unparsed"]);
});

test("an unknown format and a bad time zone answer 400 with one sentence, also under their field", async () => {
  const format = await preview(pinoId, "?format=klingon");
  assert.equal(format.status, 400);
  const formatBody = await json(format);
  assert.match(String(formatBody.error), /^Unknown log format "klingon": use one of auto, /);
  assert.deepEqual(Object.keys(formatBody.errors as object), ["format"]);
  const tz = await preview(pinoId, "?tz=Mars%2FOlympus_Mons");
  assert.equal(tz.status, 400);
  const tzBody = await json(tz);
  assert.match(String(tzBody.error), /Mars\/Olympus_Mons/);
  assert.deepEqual(Object.keys(tzBody.errors as object), ["tz"]);
});

test("an id that names no stored log answers 404 with a sentence", async () => {
  for (const id of ["999", "abc", "0"]) {
    const response = await preview(id);
    assert.equal(response.status, 404, id);
    assert.match(String((await json(response)).error), /^There is no stored log .*: upload the log again\.$/);
  }
});
