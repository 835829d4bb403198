// npm run probe -- --url http://127.0.0.1:PORT [--cli-dir DIR]
// Issue #13's acceptance asks that every failing case of its audit be shown to fail before the fix
// and to be handled after. This is the black-box half of that demonstration: it speaks only HTTP to
// a server already running on a loopback address (any other URL is refused), so the same probe runs
// unchanged against the code before #13 (b689a28) and after; with --cli-dir it also runs that
// checkout's compiled CLI (dist/detect.cjs, dist/predict.cjs; `npm run -s build:node` there).
// It uploads logs/Linux_2k.log once (POST /api/runs, multipart `file`, year 2005) and waits for the
// run to succeed, for the cases that address a run; then prints one Markdown row per case: what was
// sent, the status or exit code, the first 120 characters of the answer, and "handled" or "NOT
// handled". Cases that need sign-in, HOST=0.0.0.0, a full disk or a second server are listed with
// the tests that cover them. It leaves a few runs and presets in the server's DATA_DIR (use a
// temporary one); exit code 1 when any case is NOT handled, 2 for bad options or a failed setup.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { httpCases } from "./security-probe-cases";
import { cliCases } from "./security-probe-cli";
import { isLoopbackUrl, send, startRun, waitForRun } from "./security-probe-http";
import { printCoveredElsewhere, printRows, type Row } from "./security-probe-report";

const LOG = join(__dirname, "..", "logs", "Linux_2k.log");
const say = (line: string) => process.stdout.write(`${line}\n`);

function options(): { base: URL; cliDir: string | undefined } {
  const { values } = parseArgs({ options: { url: { type: "string" }, "cli-dir": { type: "string" } } });
  if (!values.url) throw new Error("Give the running server with --url http://127.0.0.1:PORT.");
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    throw new Error(`--url ${values.url} is not a URL: give one such as http://127.0.0.1:3000.`);
  }
  if (!isLoopbackUrl(base)) throw new Error(`--url ${values.url} is not a plain-HTTP loopback address: the probe only talks to 127.0.0.0/8, ::1 or localhost.`);
  return { base, cliDir: values["cli-dir"] === undefined ? undefined : resolve(values["cli-dir"]) };
}

async function main(): Promise<number> {
  const { base, cliDir } = options();
  const log = await readFile(LOG);
  const reachable = await send(base, { method: "GET", path: "/api/runs", timeoutMs: 30_000 });
  if (reachable.status !== 200) throw new Error(`GET ${base.origin}/api/runs answered ${reachable.status || reachable.failure}: is the server running, on loopback, without accounts?`);

  say(`# Issue #13 security probe: ${base.origin}${cliDir ? `, CLI of ${cliDir}` : ""} (${new Date().toISOString()})`);
  const setupStarted = performance.now();
  const { id: runId, logFileId } = await startRun(base, log, { year: "2005" });
  await waitForRun(base, runId);
  say(`\nSetup: run ${runId} of logs/Linux_2k.log (log file ${logFileId}) succeeded in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s.`);

  const rows: Row[] = await httpCases(base, { runId, logFileId, log });
  printRows(`HTTP cases against ${base.origin}`, rows, say);
  if (cliDir) {
    const cli = await cliCases(cliDir, LOG);
    printRows(`CLI cases (${cliDir}/dist)`, cli, say);
    rows.push(...cli);
  }
  printCoveredElsewhere(say);
  const failing = rows.filter((row) => row.verdict !== "handled");
  say(`\n${rows.length - failing.length} of ${rows.length} cases handled${failing.length ? `; NOT handled: ${failing.map((row) => row.id).join(", ")}` : ""}.`);
  return failing.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`security-probe: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
