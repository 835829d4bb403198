import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fsPromises from "node:fs/promises";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic, type WriterFs } from "@/lib/pipeline/write-file-atomic";
import { isWriteFailure, type OutputPlace } from "@/lib/pipeline/write-failure";

const RESULTS: OutputPlace = { what: "the results", option: "--out" };
const CSV = `window_start,window_end\n${"2005-06-14T15:16:00Z,2005-06-14T15:17:00Z\n".repeat(1000)}`;

let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-atomic-"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file system on which the write reaches the disk halfway, then fails with `code`. */
function failingMidway(code: string): WriterFs {
  return {
    ...fsPromises,
    writeFile: async (path, data) => {
      // writeFileAtomic is given the CSV as text.
      const text = data as string;
      await fsPromises.writeFile(path, text.slice(0, text.length / 2));
      throw Object.assign(new Error(`${code}: simulated, write`), { code, syscall: "write" });
    },
  };
}

/** A folder of its own per test, so each can say exactly what is left in it. */
async function folder(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  return path;
}

test("a full disk midway through the CSV leaves the previous results as they were, no temporary file, and one sentence", async () => {
  const out = join(await folder("full"), "out.csv");
  await writeFile(out, "old results\n");
  await assert.rejects(writeFileAtomic(out, CSV, { place: RESULTS, fs: failingMidway("ENOSPC") }), (error: unknown) => {
    assert.ok(isWriteFailure(error), String(error));
    assert.equal(error.message, `Cannot write the results to ${out}: the disk is full, so nothing was written; free some space and run again.`);
    return true;
  });
  assert.equal(await readFile(out, "utf8"), "old results\n");
  assert.deepEqual(await readdir(join(dir, "full")), ["out.csv"]);
});

test("a full disk on a first run leaves no file at all", async () => {
  const parent = await folder("first");
  await assert.rejects(writeFileAtomic(join(parent, "out.csv"), CSV, { place: RESULTS, fs: failingMidway("ENOSPC") }), /the disk is full/);
  assert.deepEqual(await readdir(parent), []);
});

test("a file system that turned read-only while the run worked is named in the sentence", async () => {
  const parent = await folder("read-only");
  const out = join(parent, "out.csv");
  await assert.rejects(writeFileAtomic(out, CSV, { place: RESULTS, fs: failingMidway("EROFS") }), (error: unknown) => {
    assert.ok(isWriteFailure(error), String(error));
    assert.equal(error.message, `Cannot write the results to ${out}: ${parent} is on a read-only file system; choose another --out.`);
    return true;
  });
  assert.deepEqual(await readdir(parent), []);
});

test("a folder removed while the run worked is named in the sentence", async () => {
  const gone = join(dir, "gone");
  const out = join(gone, "out.csv");
  await assert.rejects(writeFileAtomic(out, CSV, { place: RESULTS }), (error: unknown) => {
    assert.ok(isWriteFailure(error), String(error));
    assert.equal(error.message, `Cannot write the results to ${out}: the directory ${gone} does not exist; create it or choose another --out.`);
    return true;
  });
});

test("a failure that is no fault of the place is passed on unchanged, the temporary file removed", async () => {
  const parent = await folder("io");
  await assert.rejects(writeFileAtomic(join(parent, "out.csv"), CSV, { place: RESULTS, fs: failingMidway("EIO") }), (error: unknown) => {
    assert.ok(!isWriteFailure(error));
    assert.equal((error as NodeJS.ErrnoException).code, "EIO");
    return true;
  });
  assert.deepEqual(await readdir(parent), []);
});

test("a write that succeeds replaces the file whole and leaves nothing beside it", async () => {
  const parent = await folder("ok");
  const out = join(parent, "out.csv");
  await writeFile(out, "old results\n");
  await writeFileAtomic(out, CSV, { place: RESULTS });
  assert.equal(await readFile(out, "utf8"), CSV);
  assert.deepEqual(await readdir(parent), ["out.csv"]);
});

test("pieces of text are written one after the other, and a piece that cannot be made leaves the previous file as it was", async () => {
  const parent = await folder("pieces");
  const out = join(parent, "out.csv");
  await writeFile(out, "old results\n");
  const lines = CSV.split(/(?<=\n)/);
  await writeFileAtomic(out, lines, { place: RESULTS });
  assert.equal(await readFile(out, "utf8"), CSV);

  await writeFile(out, "old results\n");
  function* failingAfterTwo(): Generator<string> {
    yield lines[0]!;
    yield lines[1]!;
    throw Object.assign(new Error("ENOSPC: simulated, write"), { code: "ENOSPC", syscall: "write" });
  }
  await assert.rejects(writeFileAtomic(out, failingAfterTwo(), { place: RESULTS }), /the disk is full/);
  assert.equal(await readFile(out, "utf8"), "old results\n");
  assert.deepEqual(await readdir(parent), ["out.csv"]);
});
