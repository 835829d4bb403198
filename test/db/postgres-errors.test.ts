import { test } from "node:test";
import assert from "node:assert/strict";
import { closeDb, openDb } from "@/lib/db/client";
import { DatabaseError, toDatabaseError } from "@/lib/db/errors";
import { postgresConnectionRefusal } from "@/lib/db/postgres-connection";
import { postgresUnavailable, tempPostgresDatabase } from "./temp-database";

/** A node-postgres error as the driver throws it: SQLSTATE in `code`, the server's text in `message`. */
const pgError = (code: string, message = `secret server text for ${code}`) => Object.assign(new Error(message), { code, severity: "ERROR" });

test("PostgreSQL's error codes map to the store's codes, with safe messages only", () => {
  const cases: [string, DatabaseError["code"]][] = [
    ["23505", "conflict"],
    ["23503", "invalid"],
    ["23502", "invalid"],
    ["22P02", "invalid"],
    ["40001", "busy"],
    ["40P01", "busy"],
    ["55P03", "busy"],
    ["ECONNREFUSED", "unavailable"],
    ["ENOTFOUND", "unavailable"],
    ["57P01", "unavailable"],
    ["57P03", "unavailable"],
    ["08006", "unavailable"],
    ["28P01", "unavailable"],
    ["28000", "unavailable"],
    ["3D000", "unavailable"],
    ["42601", "unknown"],
  ];
  for (const [code, expected] of cases) {
    const mapped = toDatabaseError(pgError(code));
    assert.equal(mapped.code, expected, code);
    assert.doesNotMatch(mapped.message, /secret|server text/, code);
  }
  assert.match(toDatabaseError(pgError("28P01")).message, /refused the user name or password in DATABASE_URL/);
  assert.match(toDatabaseError(pgError("3D000")).message, /database named in DATABASE_URL does not exist/);
});

test("the same codes are read from Prisma's errors, which carry the driver's error in meta", () => {
  const viaPrisma = Object.assign(new Error("Raw query failed. Code: `40P01`."), {
    code: "P2010",
    meta: { driverAdapterError: { cause: { originalCode: "40P01", originalMessage: "deadlock detected" } } },
  });
  assert.equal(toDatabaseError(viaPrisma).code, "busy");
});

test("connection failures name the server and what to fix in one sentence, never the password or the server's text", () => {
  const url = "postgresql://logscope:s3cret@db.internal:5433/logscope";
  const sentences = ["ECONNREFUSED", "ENOTFOUND", "57P03", "28P01", "3D000"].map((code) => postgresConnectionRefusal(pgError(code), url)?.message ?? "");
  assert.deepEqual(sentences, [
    "Cannot reach the PostgreSQL database at db.internal:5433 (connection refused); check DATABASE_URL and that the server is running.",
    "Cannot reach the PostgreSQL database at db.internal:5433 (no such host); check DATABASE_URL and that the server is running.",
    "Cannot reach the PostgreSQL database at db.internal:5433 (the server is starting up or shutting down); check DATABASE_URL and that the server is running.",
    "The PostgreSQL server at db.internal:5433 refused the user name or password of DATABASE_URL for database logscope; fix them in DATABASE_URL (or allow them in the server's pg_hba.conf).",
    "The PostgreSQL server at db.internal:5433 has no database logscope; create it (createdb logscope) or fix the database name in DATABASE_URL.",
  ]);
  for (const sentence of sentences) assert.doesNotMatch(sentence, /s3cret|secret/);
  assert.equal(postgresConnectionRefusal(pgError("23505"), url), undefined);
});

test("a duplicate through Prisma on PostgreSQL is a conflict", { skip: postgresUnavailable }, async (t) => {
  const database = tempPostgresDatabase();
  process.env.DATABASE_URL = database.url;
  t.after(async () => {
    await closeDb();
    await database.drop();
  });
  const db = await openDb();
  const data = { originalName: "a.log", sha256: "a".repeat(64), size: 1n, lines: 1, unparsedLines: 0, storedPath: "uploads/a.log" };
  await db.logFile.create({ data });
  const error = await db.logFile.create({ data }).then(() => undefined, (e: unknown) => e);
  assert.equal(toDatabaseError(error).code, "conflict");
});
