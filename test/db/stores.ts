// The test files that run against both stores: `npm run test:postgres` runs them again with
// LOGSCOPE_TEST_STORE=postgresql (test/db/temp-database.ts then gives each file a PostgreSQL
// database). Run as a script, prints them one per line. The one place that says which files those are.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * test/db files about the SQLite file itself, which stay SQLite-only: paths and folders, WAL and its
 * Prisma CLI, upgrading a SQLite file of an earlier release, and the read cache that watches the
 * file for commits (it opens the file with better-sqlite3). The PostgreSQL counterparts of the first
 * three are the test/db/postgres-*.test.ts files.
 */
export const SQLITE_ONLY: readonly string[] = [
  "test/db/database-location.test.ts",
  "test/db/ensure-database.test.ts",
  "test/db/migrate-previous.test.ts",
  "test/db/read-until-change.test.ts",
];

/** Test files outside test/db that also run on both stores (their store setup goes through useTempDatabase). */
export const ALSO_ON_BOTH_STORES: readonly string[] = [
  // A run trained by the job runner's worker and exported, and the queue workers sharing one store.
  "test/jobs/score-run.test.ts",
  "test/jobs/queue/queue-workers.test.ts",
  // A live stream's windows and checkpoints, committed together, and its resume after a crash.
  "test/live/live-stream.test.ts",
  // Live sources: syslog, a followed file, and a file stream killed with SIGKILL and resumed.
  "test/live/syslog-receiver.test.ts",
  "test/live/file-source.test.ts",
  "test/live/file-source-kill.test.ts",
];

/** Every store test file, sorted. */
export function storeTestFiles(): string[] {
  const inDb = readdirSync("test/db")
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => join("test/db", name))
    // postgres-*.test.ts create their own databases and run in test:unit already.
    .filter((file) => !SQLITE_ONLY.includes(file) && !/\/postgres-[^/]*\.test\.ts$/.test(file));
  return [...inDb, ...ALSO_ON_BOTH_STORES].sort();
}

if (require.main === module) process.stdout.write(`${storeTestFiles().join("\n")}\n`);
