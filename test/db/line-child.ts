import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * A TypeScript child process (through tsx) the test talks to in lines: `send` writes one to its
 * stdin, `nextLine` waits for the next one on its stdout. Lines are the synchronisation: a test
 * waits for what a child says, never for a fixed time.
 */
export interface LineChild {
  send(line: string): void;
  /** Rejects, with the child's stderr, if it exits first. */
  nextLine(): Promise<string>;
  /** Ends its stdin (its cue to finish) and waits for it to exit. */
  close(): Promise<void>;
}

export function spawnLineChild(script: string, env: Record<string, string>): LineChild {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), script], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let err = "";
  let ended: Error | null = null;
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(line);
    else lines.push(line);
  });
  const exited = new Promise<void>((resolve) => {
    const finish = (why: string) => {
      ended ??= new Error(`${script} ${why}: ${err}`);
      for (const waiter of waiting.splice(0)) waiter.reject(ended);
      resolve();
    };
    child.on("error", (error) => finish(`could not start (${error.message})`));
    child.on("close", (code) => finish(`exited ${code}`));
  });
  return {
    send: (line) => void child.stdin.write(`${line}\n`),
    nextLine: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.reject(ended);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
