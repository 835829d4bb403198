import { after, test } from "node:test";
import assert from "node:assert/strict";
import { useTempDatabase } from "../db/temp-database";
import { runUsersCommand, type UsersOutcome } from "./run-users-command";

// npm run users (dist/users.cjs: run `npm run -s build:node` first) as a real process on a temporary
// database, the password on standard input as a script would pipe it.
const tmp = useTempDatabase("logscope-users-");
after(tmp.cleanup);

const users = (args: string[], stdin = ""): Promise<UsersOutcome> => runUsersCommand(args, { dataDir: tmp.dir, databaseUrl: tmp.url }, stdin);

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

test("add reads the password from standard input and list shows the user", async () => {
  const added = await users(["add", "alice"], "a long enough password\n");
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /^Added user "alice"/);
  const listed = await users(["list"]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^alice\tcreated \S+Z\t0 active token\(s\), 0 revoked\tlast API use never\n$/);
});

test("token prints a new API token as the last line, and revoke counts the tokens it revoked", async () => {
  const first = await users(["token", "alice"]);
  assert.equal(first.code, 0, first.stderr);
  const token = lastLine(first.stdout);
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  const second = await users(["token", "alice"]);
  assert.notEqual(lastLine(second.stdout), token);
  assert.match((await users(["list"])).stdout, /\t2 active token\(s\), 0 revoked\t/);
  const revoked = await users(["revoke", "alice"]);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(revoked.stdout, 'Revoked 2 API token(s) of "alice" and ended 0 session(s).\n');
  assert.match((await users(["list"])).stdout, /\t0 active token\(s\), 2 revoked\t/);
});

test("bad input exits 2 with one sentence: empty or short passwords, a taken, unknown or unprintable name, a bad command", async () => {
  const cases: [string[], string, string][] = [
    [["add", "bob"], "", "Error: The password is empty; type it on one line of standard input.\n"],
    [["add", "bob"], "short pass\n", "Error: The password must have at least 12 characters.\n"],
    [["add", "alice"], "another long password\n", 'Error: There is already a user named "alice".\n'],
    [["add", "bad name"], "another long password\n", 'Error: "bad name" is not a valid user name: use 1 to 64 letters, digits, dots, dashes, underscores or @.\n'],
    [["token", "nobody"], "", 'Error: There is no user named "nobody"; see them with: npm run users -- list\n'],
    // A line break or a terminal escape in the name is shown escaped: the refusal stays one line on standard error.
    [["add", "eve\nError: forged"], "another long password\n", 'Error: "eve\\nError: forged" is not a valid user name: use 1 to 64 letters, digits, dots, dashes, underscores or @.\n'],
    [["revoke", "\u001b[2Jbob"], "", 'Error: "\\u001b[2Jbob" is not a valid user name: use 1 to 64 letters, digits, dots, dashes, underscores or @.\n'],
    [["revoke"], "", 'Error: "revoke" takes exactly one user name: npm run users -- add <name> | token <name> | revoke <name> | list.\n'],
    [["list", "extra"], "", 'Error: "list" takes no arguments: npm run users -- add <name> | token <name> | revoke <name> | list.\n'],
    [[], "", "Error: Say what to do: npm run users -- add <name> | token <name> | revoke <name> | list.\n"],
    [["delete", "alice"], "", "Error: Say what to do: npm run users -- add <name> | token <name> | revoke <name> | list.\n"],
  ];
  for (const [args, stdin, stderr] of cases) {
    const outcome = await users(args, stdin);
    assert.deepEqual(outcome, { code: 2, stdout: "", stderr }, args.join(" "));
  }
  assert.doesNotMatch((await users(["list"])).stdout, /bob/, "no refused user was added");
});

test("only the first line of standard input is the password, without its line ending", async () => {
  const added = await users(["add", "carol"], "carols password 1\r\nsecond line\n");
  assert.equal(added.code, 0, added.stderr);
  const { signIn } = await import("@/lib/server/auth/sign-in");
  assert.ok(await signIn("carol", "carols password 1"));
});
