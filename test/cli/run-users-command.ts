import { runNode, type ProcessOutcome } from "../run-process";

/** What `npm run users` did: its exit code and its two outputs. */
export type UsersOutcome = ProcessOutcome;

/**
 * dist/users.cjs (npm run users; `npm run -s build:node` first) as a real process on the database of
 * `dataDir` / `databaseUrl`, with `stdin` piped as a script would pipe a password.
 */
export function runUsersCommand(args: string[], where: { dataDir: string; databaseUrl: string }, stdin = ""): Promise<UsersOutcome> {
  return runNode(["--conditions=react-server", "dist/users.cjs", ...args], { DATA_DIR: where.dataDir, DATABASE_URL: where.databaseUrl }, stdin);
}
