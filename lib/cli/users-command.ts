// npm run users -- add <name> | token <name> | revoke <name> | list: the accounts that may sign in
// (issue #13). `add` reads the password from one line of standard input, so it never appears in
// the shell history or the process list: `printf '%s\n' "$PASSWORD" | npm run users -- add alice`.
// `revoke <name>` revokes every API token of the user and ends their browser sessions (the user
// stays and can sign in again with the password); revoking by user rather than by token id, because
// the person revoking knows whose access to stop, not which of a user's tokens leaked.
import { listUsers } from "@/lib/db/list-users";
import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { addUser, issueApiToken, revokeUser } from "@/lib/server/auth/accounts";
import { processIo, type CommandIo } from "./command-io";

const USAGE = "npm run users -- add <name> | token <name> | revoke <name> | list";

/** The first line of standard input, without its line ending; "" when there is none. */
export async function readPasswordLine(input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (input.isTTY === true) process.stderr.write("Password (at least 12 characters, one line): ");
  // Bytes first, decoded once: a chunk may end inside a multi-byte character.
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    if (bytes.includes(0x0a)) break;
  }
  return (Buffer.concat(chunks).toString("utf8").split("\n")[0] ?? "").replace(/\r$/, "");
}

function stamp(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "never";
}

export async function usersCommand(argv: string[], io: CommandIo = processIo, readPassword = readPasswordLine): Promise<void> {
  const [action, name, ...extra] = argv;
  const needsName = action === "add" || action === "token" || action === "revoke";
  if (action === undefined || (!needsName && action !== "list")) {
    throw new UserInputError(`Say what to do: ${USAGE}.`);
  }
  if (extra.length > 0 || (needsName ? name === undefined : name !== undefined)) {
    throw new UserInputError(`${quoteInput(action)} takes ${needsName ? "exactly one user name" : "no arguments"}: ${USAGE}.`);
  }
  if (action === "list") {
    const users = await listUsers();
    if (users.length === 0) io.out("No users yet; add one with: npm run users -- add <name>\n");
    for (const user of users) {
      io.out(`${user.name}\tcreated ${stamp(user.createdAt)}\t${user.activeTokens} active token(s), ${user.revokedTokens} revoked\tlast API use ${stamp(user.tokenLastUsedAt)}\n`);
    }
    return;
  }
  const user = name as string;
  if (action === "add") {
    const added = await addUser(user, await readPassword());
    io.out(`Added user "${added.name}"; make an API token with: npm run users -- token ${added.name}\n`);
  } else if (action === "token") {
    const issued = await issueApiToken(user);
    // The token itself is the last line, alone, so scripts can take it with `tail -n 1`.
    io.out(`New API token ${issued.id} for "${issued.user.name}" (shown only now; send it as Authorization: Bearer <token>):\n${issued.token}\n`);
  } else {
    const revoked = await revokeUser(user);
    io.out(`Revoked ${revoked.tokens} API token(s) of "${user}" and ended ${revoked.sessions} session(s).\n`);
  }
}
