import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CommandIo } from "../../../lib/cli/command-io";
import { templatesCommand } from "../../../lib/cli/templates-command";
import { UserInputError } from "../../../lib/domain/user-input-error";
import { readCsv } from "../read-csv";

function bufferIo(): CommandIo & { text: () => string } {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), progress: (t) => chunks.push(t), live: false, text: () => chunks.join("") };
}

const LOG = [
  "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown",
  "Jun 14 15:16:02 combo sshd[19937]: Failed password for root from 10.0.0.1 port 22 ssh2",
  "this line is not syslog, \"quoted\"",
  "Jun 14 15:16:03 combo sshd[19937]: Failed password for root from 10.0.0.2 port 2222 ssh2",
  "",
].join("\n");

describe("npm run templates", () => {
  let dir = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-templates-"));
    await writeFile(join(dir, "small.log"), LOG);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the header and one row per line, with the final template and an empty id for unparsed lines", async () => {
    const io = bufferIo();
    await templatesCommand([join(dir, "small.log"), "--out", join(dir, "out.csv"), "--year", "2005"], io);
    const rows = readCsv(await readFile(join(dir, "out.csv"), "utf8"));
    assert.deepEqual(rows, [
      ["line", "template_id", "template"],
      ["1", "0", "check pass; user unknown"],
      ["2", "1", "Failed password for root from <*> port <*> ssh2"],
      ["3", "", "(unparsed)"],
      ["4", "1", "Failed password for root from <*> port <*> ssh2"],
    ]);
    assert.match(io.text(), /Lines: 4 \(parsed 3, unparsed 1\)/);
    assert.match(io.text(), /Templates: 2 /);
    assert.match(io.text(), /Seconds: [\d.]+/);
    // Written beside the target and renamed: no temporary file is left behind.
    assert.deepEqual((await readdir(dir)).sort(), ["out.csv", "small.log"]);
  });

  it("writes the final id of a word variant merged after its line went by, and counts only templates not merged", async () => {
    const users = ["alice", "bob", "carol", "dave", "erin"];
    const log = users.map((user, i) => `Jun 14 15:16:0${i} combo sshd[7]: session opened for user ${user}`).join("\n");
    await writeFile(join(dir, "users.log"), log);
    const io = bufferIo();
    await templatesCommand([join(dir, "users.log"), "--out", join(dir, "users.csv")], io);
    const rows = readCsv(await readFile(join(dir, "users.csv"), "utf8"));
    // alice to dave were kept apart as word variants (ids 0-3); erin, the fifth, merged them into 0.
    assert.deepEqual(rows.slice(1), users.map((_, i) => [String(i + 1), "0", "session opened for user <*>"]));
    assert.match(io.text(), /Templates: 1 /);
  });

  it("mines whole lines with --raw and quotes templates that hold commas and quotes", async () => {
    await templatesCommand([join(dir, "small.log"), "--raw", "--out", join(dir, "raw.csv")], bufferIo());
    const rows = readCsv(await readFile(join(dir, "raw.csv"), "utf8"));
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[3], ["3", "2", 'this line is not syslog, "quoted"']);
  });

  it("refuses a missing file, a directory, an empty or binary file, a file without syslog lines and a bad option with a UserInputError", async () => {
    const out = join(dir, "never.csv");
    await writeFile(join(dir, "empty.log"), "");
    await writeFile(join(dir, "binary.log"), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]));
    await writeFile(join(dir, "notes.txt"), "just some notes\nno timestamps here\n");
    const attempts = [
      [join(dir, "missing.log"), "--out", out],
      [dir, "--out", out],
      [join(dir, "empty.log"), "--out", out],
      [join(dir, "binary.log"), "--out", out],
      [join(dir, "notes.txt"), "--out", out],
      [join(dir, "small.log"), "--out", out, "--st", "2"],
      [join(dir, "small.log"), "--out", out, "--depth", "four"],
      [join(dir, "small.log")],
    ];
    for (const argv of attempts) {
      await assert.rejects(templatesCommand(argv, bufferIo()), UserInputError, argv.join(" "));
    }
    await assert.rejects(templatesCommand([join(dir, "missing.log"), "--out", out], bufferIo()), /No file at/);
    await assert.rejects(templatesCommand([join(dir, "notes.txt"), "--out", out], bufferIo()), /add --raw/);
    assert.ok(!(await readdir(dir)).includes("never.csv"));
  });
});
