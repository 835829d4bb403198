// npm run build:node: bundles what Logscope runs outside Next.js (the job worker process, the CLI
// scripts, hashFile's worker thread and the server's compute threads) into dist/<name>.cjs, so
// those processes run plain JavaScript instead of compiling TypeScript at start-up through tsx.
//
// - One self-contained CommonJS file per entry (esbuild splits chunks only for ESM), with the `@/`
//   alias resolved from tsconfig.json and the Prisma client generated under lib/db/generated inlined.
// - npm packages stay external: TensorFlow.js, better-sqlite3 and Prisma's runtime load WASM and
//   native files relative to their own package folders, so they are required from node_modules.
// - A file is replaced only when its content changed, by rename: the CLI npm scripts run this before
//   every command, and a job worker or another command may be starting from dist/ at that moment.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { build } from "esbuild";
import { NODE_BUNDLE } from "./node-bundle";

/**
 * Output name (dist/<name>.cjs) → entry. hash-file.ts expects hash-file-worker.cjs beside the
 * bundles, and parallel-parse.ts parallel-parse-worker.cjs; the server
 * (lib/server/runs/compute-thread.ts) expects compute-worker.cjs in dist/.
 */
const ENTRIES = {
  "worker-main": "lib/jobs/worker/worker-main.ts",
  // npm run worker: a queue worker (LOGSCOPE_QUEUE_URL) that starts worker-main per job.
  "worker-pool": "lib/jobs/queue/worker-pool-main.ts",
  "hash-file-worker": "lib/pipeline/hash-file-worker.ts",
  // readLogFile's parallel parse (lib/pipeline/parallel-parse.ts) expects it beside the bundles.
  "parallel-parse-worker": "lib/pipeline/parallel-parse-worker.ts",
  // and its template-mining thread (lib/pipeline/template-thread.ts) expects this one.
  "template-thread-worker": "lib/pipeline/template-thread-worker.ts",
  // trainDetectors runs DBSCAN on it beside the autoencoder (lib/pipeline/dbscan-thread.ts).
  "dbscan-thread-worker": "lib/pipeline/dbscan-thread-worker.ts",
  "compute-worker": "lib/server/runs/compute-worker.ts",
  detect: "scripts/detect.ts",
  predict: "scripts/predict.ts",
  watch: "scripts/watch.ts",
  generate: "scripts/generate.ts",
  templates: "scripts/templates.ts",
  inspect: "scripts/inspect.ts",
  start: "scripts/start.ts",
  users: "scripts/users.ts",
};

function writeIfChanged(path: string, contents: Uint8Array): boolean {
  if (existsSync(path) && Buffer.from(contents).equals(readFileSync(path))) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
  return true;
}

async function main(): Promise<void> {
  const started = Date.now();
  const result = await build({
    entryPoints: ENTRIES,
    outdir: "dist",
    ...NODE_BUNDLE,
    write: false,
  });
  const written = result.outputFiles.filter((file) => writeIfChanged(file.path, file.contents));
  if (written.length > 0) {
    const names = written.map((file) => relative(process.cwd(), file.path)).join(", ");
    process.stderr.write(`build:node: wrote ${names} in ${Date.now() - started} ms\n`);
  }
}

main().catch((error: unknown) => {
  // esbuild has already printed its diagnostics; the message says what failed.
  process.stderr.write(`build:node failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
