// npm start: check the folders, take DATA_DIR's instance lock, migrate the database, queue the
// bundled example run on an empty database, then serve the production build (npm run build) on
// HOST:PORT (default 127.0.0.1:3000).
// It is server code and imports lib/server, whose modules are marked `server-only`: npm start runs
// it with node's react-server condition, the one Next applies to server code, under which that
// marker is an empty module (anywhere else, e.g. a client bundle, importing it throws).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { config, isConfigError } from "@/lib/config/env";
import { countUsers } from "@/lib/db/count-users";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { acquireInstanceLock, anotherServerSentence, releaseAtExit } from "@/lib/ops/instance-lock";
import { dataDirCheck, findUnwritableDir } from "@/lib/ops/writable-dirs";
import { checkStorage } from "@/lib/storage/open-storage";
import { startRefusal } from "@/lib/server/auth/auth-policy";
import { seedExampleRun } from "@/lib/server/runs/seed-example-run";

/** Refusals: the user's to fix, in one sentence, before anything is changed. */
function refuse(sentence: string): never {
  process.stderr.write(`Error: ${sentence}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  // Validated first: a bad variable stops the start in one sentence, before the database is touched.
  const settings = config();
  let next: ChildProcess | null = null;
  // Before `next start` runs, a signal ends this process through exit(), which releases the lock
  // (node's default handling would skip the exit handlers); afterwards Next stops first.
  const stop = (signal: NodeJS.Signals) => (next ? next.kill(signal) : process.exit(signal === "SIGINT" ? 130 : 143));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const unwritableData = await findUnwritableDir([dataDirCheck(settings)]);
  if (unwritableData) refuse(unwritableData);
  // The server's job runner fails whatever it finds running, so it must be the only one on this
  // DATA_DIR. A server with LOGSCOPE_JOB_RUNNER=off recovers and runs nothing, and may share it.
  if (settings.jobRunner) {
    const outcome = await acquireInstanceLock(settings.dataDir);
    if ("heldBy" in outcome) refuse(anotherServerSentence(outcome.heldBy.pid, settings.dataDir));
    releaseAtExit(outcome.lock);
  }
  // The folders (or the S3 bucket) that uploads, labels and models go to (lib/storage).
  const badStorage = await checkStorage({ createFolders: true });
  if (badStorage) refuse(badStorage);
  // Accounts live in the database, so it is made ready before the sign-in check (issue #13): a
  // server other machines can reach, with no account to sign in with, does not start.
  const db = await ensureDatabase();
  const noAccount = startRefusal(settings.host, await countUsers());
  if (noAccount) refuse(noAccount);
  if (!existsSync(".next/BUILD_ID")) refuse('there is no production build yet: run "npm run build" first.');
  process.stdout.write(`Database ready: ${db.file}\n`);
  const example = await seedExampleRun();
  if (example) process.stdout.write(`Queued the example run of logs/Linux_2k.log (run ${example.id}).\n`);
  const { host, port } = settings;
  next = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-H", host, "-p", String(port)], { stdio: "inherit" });
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  if (isConfigError(error)) refuse(error.message);
  process.stderr.write(`Could not start Logscope: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
