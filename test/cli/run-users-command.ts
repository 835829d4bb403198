import { spawn } from "node:child_process";

/** What `npm run users` did: its exit code and its two outputs. */
export interface UsersOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * dist/users.cjs (npm run users; `npm run -s build:node` first) as a real process on the database of
 * `dataDir` / `databaseUrl`, with `stdin` piped as a script would pipe a password.
 */
export function runUsersCommand(args: string[], where: { dataDir: string; databaseUrl: string }, stdin = ""): Promise<UsersOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "dist/users.cjs", ...args], {
      env: { ...process.env, DATA_DIR: where.dataDir, DATABASE_URL: where.databaseUrl },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
