import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { POSTGRES_MIGRATIONS_PATH, POSTGRES_SCHEMA_PATH } from "@/lib/db/postgres-schema";
import { postgresUnavailable } from "./temp-database";

// `prisma migrate diff --from-migrations` applies the migrations to a scratch (shadow) database it
// creates on the server and drops again, and compares the result with the schema: indexes,
// foreign keys, defaults and types, as Prisma itself sees them. Exit code 0: no difference, 2: some.
function diffMigrationsAgainstSchema(migrationsDir: string): { code: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      resolve("node_modules/prisma/build/index.js"),
      "migrate", "diff",
      "--config", "prisma/postgresql/prisma.config.ts",
      "--from-migrations", migrationsDir,
      "--to-schema-datamodel", POSTGRES_SCHEMA_PATH,
      "--exit-code",
    ],
    { env: { ...process.env, DATABASE_URL: process.env.LOGSCOPE_TEST_POSTGRES_URL }, encoding: "utf8" },
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

test("the PostgreSQL migrations applied to a fresh database build exactly prisma/postgresql/schema.prisma", { skip: postgresUnavailable }, () => {
  const { code, output } = diffMigrationsAgainstSchema(POSTGRES_MIGRATIONS_PATH);
  assert.equal(code, 0, output);
  assert.match(output, /No difference detected/);
});

test("a PostgreSQL migration that misses part of the schema is caught by the same comparison", { skip: postgresUnavailable }, () => {
  const dir = mkdtempSync(join(tmpdir(), "logscope-pg-migrations-"));
  try {
    cpSync(POSTGRES_MIGRATIONS_PATH, dir, { recursive: true });
    const first = join(dir, "20261129180000_init", "migration.sql");
    writeFileSync(first, readFileSync(first, "utf8").replace(/CREATE INDEX "Session_userId_idx"[^;]*;/, ""));
    const { code, output } = diffMigrationsAgainstSchema(dir);
    assert.equal(code, 2, output);
    assert.match(output, /Changed the `Session` table[\s\S]*Added index on columns \(userId\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
