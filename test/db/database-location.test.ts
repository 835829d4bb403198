import { test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import {
  databaseFilePath,
  databaseLocation,
  resolveDatabaseUrl,
  resolveDataDir,
  resolveStoredPath,
  resolveUploadsDir,
  uploadStoredPath,
} from "@/lib/db/database-location";

test("by default everything lives under data/ in the working directory", () => {
  assert.equal(resolveDataDir({}), resolve("data"));
  assert.equal(resolveDatabaseUrl({}), `file:${join(resolve("data"), "logscope.db")}`);
  assert.equal(resolveUploadsDir({}), join(resolve("data"), "uploads"));
});

test("DATA_DIR moves the database and the uploads; DATABASE_URL moves only the database", () => {
  assert.equal(resolveDatabaseUrl({ DATA_DIR: "/srv/ls" }), "file:/srv/ls/logscope.db");
  assert.equal(resolveDatabaseUrl({ DATA_DIR: "/srv/ls", DATABASE_URL: "file:/db/x.db" }), "file:/db/x.db");
  assert.equal(resolveUploadsDir({ DATA_DIR: "/srv/ls", DATABASE_URL: "file:/db/x.db" }), "/srv/ls/uploads");
});

test("file URLs become absolute paths; other URLs are refused", () => {
  assert.equal(databaseFilePath("file:/a/b.db"), "/a/b.db");
  assert.equal(databaseFilePath("file:./rel/b.db?connection_limit=1"), resolve("rel/b.db"));
  assert.equal(databaseFilePath("file::memory:"), ":memory:");
  assert.throws(() => databaseFilePath("postgres://x"), /SQLite file: URL/);
});

test("a DATABASE_URL that is neither a SQLite file: URL nor a PostgreSQL URL is refused in a sentence naming it", () => {
  assert.throws(
    () => resolveDatabaseUrl({ DATABASE_URL: "mysql://db/logscope" }),
    /^ConfigError: DATABASE_URL must be a SQLite file: URL naming a file, such as file:\.\/data\/logscope\.db, or a PostgreSQL URL .*; got "mysql:\/\/db\/logscope"\.$/,
  );
  assert.equal(resolveDatabaseUrl({ DATABASE_URL: "postgres://db/logscope" }), "postgres://db/logscope");
  assert.throws(() => resolveDataDir({ DATA_DIR: "file:./data" }), /^ConfigError: DATA_DIR must be /);
});

test("a store's printable location is the SQLite file, or the PostgreSQL server and database without the password", () => {
  assert.equal(databaseLocation("file:/srv/ls/logscope.db"), "/srv/ls/logscope.db");
  assert.equal(databaseLocation("postgresql://logscope:s3cret@db.internal:5433/logscope"), "db.internal:5433/logscope");
  assert.equal(databaseLocation("postgres://logscope@db.internal/team%20a"), "db.internal:5432/team a");
  // libpq's Unix socket form, and no database name (PostgreSQL then uses the user's name).
  assert.equal(databaseLocation("postgresql://logscope@/?host=/run/postgresql"), "/run/postgresql:5432/logscope");
});

test("an upload's stored path comes from its hash alone", () => {
  const hash = "ab".repeat(32);
  assert.equal(uploadStoredPath(hash), `uploads/${hash}.log`);
  assert.equal(resolveStoredPath(uploadStoredPath(hash), { DATA_DIR: "/srv/ls" }), `/srv/ls/uploads/${hash}.log`);
  assert.throws(() => uploadStoredPath("../../etc/passwd"));
});
