import { after, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { closeDb, openDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/count-users";
import { databaseFilePath } from "@/lib/db/database-location";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { listRuns } from "@/lib/db/list-runs";
import { readUntilChange } from "@/lib/db/read-until-change";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase("logscope-read-cache-");
after(tmp.cleanup);

/** A read that counts how often it really ran. */
function counted() {
  let reads = 0;
  return { read: async () => ++reads, reads: () => reads };
}

async function addUserElsewhere(name: string): Promise<void> {
  // A connection of its own, as the users command or a worker process would write.
  const db = new Database(databaseFilePath(tmp.url));
  try {
    db.prepare("INSERT INTO User (name, passwordHash) VALUES (?, ?)").run(name, "x");
  } finally {
    db.close();
  }
}

test("a read is answered once until something is committed", async () => {
  await openDb();
  const c = counted();
  assert.equal(await readUntilChange("a", c.read), 1);
  assert.equal(await readUntilChange("a", c.read), 1);
  assert.equal(c.reads(), 1);
  await (await openDb()).logFile.create({ data: { originalName: "x.log", sha256: "a".repeat(64), size: 1n, lines: 1, unparsedLines: 0, storedPath: "uploads/x.log" } });
  assert.equal(await readUntilChange("a", c.read), 2, "a write through Prisma is seen");
  await addUserElsewhere("someone");
  assert.equal(await readUntilChange("a", c.read), 3, "a write on another connection is seen");
});

test("concurrent callers share one read, and a failed read is not kept", async () => {
  const c = counted();
  const answers = await Promise.all([readUntilChange("b", c.read), readUntilChange("b", c.read), readUntilChange("b", c.read)]);
  assert.deepEqual(answers, [1, 1, 1]);
  await assert.rejects(readUntilChange("c", () => Promise.reject(new Error("locked"))));
  assert.equal(await readUntilChange("c", async () => 7), 7);
});

test("the account count follows an account added by another process at once", async () => {
  const before = await countUsers();
  await addUserElsewhere("alice");
  assert.equal(await countUsers(), before + 1);
});

test("the run list is kept per page and query, not shared between them", async () => {
  const all = await listRuns({ pageSize: 10 });
  assert.equal(await listRuns({ pageSize: 10 }), all, "the same page comes back kept");
  assert.notEqual(await listRuns({ pageSize: 11 }), all);
});

test("a database removed and made again at the same path is read afresh", async () => {
  assert.ok((await countUsers()) > 0);
  await closeDb();
  forgetEnsuredDatabase();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFilePath(tmp.url)}${suffix}`, { force: true });
  assert.equal(await countUsers(), 0);
});
