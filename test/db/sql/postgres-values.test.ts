import { test } from "node:test";
import assert from "node:assert/strict";
import { copyText } from "@/lib/db/sql/postgres-copy";
import { numberPlaceholders } from "@/lib/db/sql/postgres-driver";
import { toPostgres } from "@/lib/db/sql/postgres-values";

test("values reach PostgreSQL in its forms: UTC timestamps, bytes, and no NUL character", () => {
  assert.equal(toPostgres(new Date("2026-12-06T13:26:36.100Z")), "2026-12-06 13:26:36.100");
  assert.deepEqual(toPostgres(Uint8Array.of(1, 255)), Buffer.from([1, 255]));
  assert.equal(toPostgres(2n ** 40n), "1099511627776");
  // PostgreSQL text cannot hold NUL (22021); SQLite can, so the same log must store on both.
  assert.equal(toPostgres("a\u0000b"), "a\ufffdb");
  assert.equal(toPostgres(null), null);
});

test("COPY text escapes what would end a field or a row, and writes NULL, booleans and bytes as COPY reads them", () => {
  assert.equal(copyText(null), "\\N");
  assert.equal(copyText(true), "t");
  assert.equal(copyText(0.1), "0.1");
  assert.equal(copyText("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
  assert.equal(copyText("x\u0000y"), "x\ufffdy");
  assert.equal(copyText(Uint8Array.of(0xab, 0x01)), "\\\\xab01");
  assert.equal(copyText(new Date("2026-01-02T03:04:05.006Z")), "2026-01-02 03:04:05.006");
});

test("placeholders are numbered outside quoted literals only", () => {
  assert.equal(numberPlaceholders(`SELECT ? WHERE "a" = '?' AND b = ?`), `SELECT $1 WHERE "a" = '?' AND b = $2`);
});
