import { runNode } from "../run-process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb } from "@/lib/db/client";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";

/**
 * Points DATA_DIR and DATABASE_URL of this test process at a fresh temporary folder. Each test file
 * runs in its own process under `tsx --test`, so each file gets its own database; lib/db reads the
 * variables at its first call.
 */
export function useTempDatabase(prefix = "logscope-db-"): { dir: string; url: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const url = `file:${join(dir, "test.db")}`;
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = url;
  return {
    dir,
    url,
    cleanup: async () => {
      await closeDb();
      forgetEnsuredDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a TypeScript file in a child process (through tsx) and resolves with its stdout. */
export async function runTsChild(script: string, env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await runNode([require.resolve("tsx/cli"), script], env);
  if (code !== 0) throw new Error(`${script} exited ${code}: ${stderr}`);
  return stdout;
}
