import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { text } from "node:stream/consumers";
import { isMissing, type BlobStore } from "@/lib/storage/blob-store";

/** A store to test and the temporary folder its local files may use. */
export interface StoreUnderTest {
  store: BlobStore;
  scratch: string;
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every BlobStore promises (lib/storage/blob-store.ts), as one suite each
 * implementation runs: store-contract.test.ts runs it on a folder and on s3rver.
 */
export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} store`, () => {
    let it: StoreUnderTest;
    let store: BlobStore;
    const local = (file: string, content: string | Buffer) => {
      const path = join(it.scratch, file);
      writeFileSync(path, content);
      return path;
    };
    before(async () => {
      it = await open();
      store = it.store;
    });
    after(() => it.cleanup());

    test("a file put under a key comes back byte for byte through fetch and openRead", async () => {
      const bytes = Buffer.from("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure\n\u00e9\u0000\xff", "latin1");
      await store.put("uploads/aa.log", local("a.log", bytes));
      const copy = join(it.scratch, "a-copy.log");
      await store.fetch("uploads/aa.log", copy);
      assert.deepEqual(readFileSync(copy), bytes);
      assert.equal(await text(await store.openRead("uploads/aa.log")), bytes.toString("utf8"));
      assert.ok(existsSync(join(it.scratch, "a.log")), "without move the local file stays");
    });

    test("put with move takes the local file away, and a second put replaces the object", async () => {
      const path = local("b.log", "first");
      await store.put("labels/run-7/truth.csv", path, { move: true });
      assert.equal(existsSync(path), false);
      await store.put("labels/run-7/truth.csv", local("b2.log", "second, longer"));
      assert.equal(await text(await store.openRead("labels/run-7/truth.csv")), "second, longer");
      assert.equal(await store.size("labels/run-7/truth.csv"), "second, longer".length);
    });

    test("exists and size follow put and delete, and deleting a missing object is no error", async () => {
      assert.equal(await store.exists("uploads/cc.log"), false);
      assert.equal(await store.size("uploads/cc.log"), null);
      await store.put("uploads/cc.log", local("c.log", "12345"));
      assert.equal(await store.exists("uploads/cc.log"), true);
      assert.equal(await store.size("uploads/cc.log"), 5);
      await store.delete("uploads/cc.log");
      assert.equal(await store.exists("uploads/cc.log"), false);
      await store.delete("uploads/cc.log");
    });

    test("a missing object rejects with ENOENT from fetch and openRead, like a missing file", async () => {
      await assert.rejects(store.openRead("uploads/none.log"), (error) => isMissing(error));
      await assert.rejects(store.fetch("uploads/none.log", join(it.scratch, "none")), (error) => isMissing(error));
    });

    test("list finds the objects under a prefix with their sizes, sorted, and a prefix is not a folder", async () => {
      for (const key of ["models/run-1-job-2/meta.json", "models/run-1-job-2/autoencoder/weights.bin", "models/run-12-job-3/meta.json"]) {
        await store.put(key, local("m", key));
      }
      assert.deepEqual(await store.list("models/run-1-job-"), [
        { key: "models/run-1-job-2/autoencoder/weights.bin", size: "models/run-1-job-2/autoencoder/weights.bin".length },
        { key: "models/run-1-job-2/meta.json", size: "models/run-1-job-2/meta.json".length },
      ]);
      assert.equal((await store.list("models/")).length, 3);
      assert.deepEqual(await store.list("models/run-9-"), []);
    });

    test("deletePrefix removes exactly the objects under the prefix: run 1's models, not run 12's", async () => {
      await store.deletePrefix("models/run-1-job-");
      assert.deepEqual((await store.list("models/")).map((o) => o.key), ["models/run-12-job-3/meta.json"]);
      await store.deletePrefix("labels/run-7/");
      assert.equal(await store.exists("labels/run-7/truth.csv"), false);
      await store.deletePrefix("labels/run-404/");
    });

    test("a key that could leave its area is refused before anything is touched", async () => {
      for (const key of ["../etc/passwd", "uploads/../../x", "other/x", "uploads", "/uploads/x", "uploads//x"]) {
        await assert.rejects(store.put(key, local("k", "x")), /not a storage key/, key);
      }
    });
  });
}

/** A temporary folder for one suite, removed by the returned function. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
