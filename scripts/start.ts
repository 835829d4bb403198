// npm start: migrate the database, queue the bundled example run on an empty database, then serve
// the production build (npm run build) on HOST:PORT (default 127.0.0.1:3000).
// It is server code and imports lib/server, whose modules are marked `server-only`: npm start runs
// it with node's react-server condition, the one Next applies to server code, under which that
// marker is an empty module (anywhere else, e.g. a client bundle, importing it throws).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { config, isConfigError } from "@/lib/config/env";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { seedExampleRun } from "@/lib/server/runs/seed-example-run";

async function main(): Promise<void> {
  // Validated first: a bad variable stops the start in one sentence, before the database is touched.
  const { host, port } = config();
  if (!existsSync(".next/BUILD_ID")) {
    process.stderr.write('Error: there is no production build yet: run "npm run build" first.\n');
    process.exit(2);
  }
  const db = await ensureDatabase();
  process.stdout.write(`Database ready: ${db.file}\n`);
  const example = await seedExampleRun();
  if (example) process.stdout.write(`Queued the example run of logs/Linux_2k.log (run ${example.id}).\n`);
  const next = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-H", host, "-p", String(port)], { stdio: "inherit" });
  const stop = (signal: NodeJS.Signals) => next.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  if (isConfigError(error)) {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Could not start Logscope: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
