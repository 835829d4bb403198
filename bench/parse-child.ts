// Times parse + window + features in a process of its own (as the CLI and the job worker run it):
// measured inside the benchmark process, whose heap holds the store and the other benchmarks,
// the same parse ran 20-30% slower. Prints one JSON line. Arguments: the log, its year, the threads
// to parse on (default: readLogFile's, the machine's cores; 1 is the single-threaded path) and the
// runs to take the best of (default 3). bench-pipeline.ts runs it bundled, as dist/ runs.
import { readLogFile } from "@/lib/pipeline/read-log-file";
import { timeBest } from "./bench-support";

async function main() {
  const [log = "", year = "2025", threads = "", repeats = "3"] = process.argv.slice(2);
  const options = { year: Number(year), window: 60, ...(threads === "" ? {} : { threads: Number(threads) }) };
  const { seconds, result } = await timeBest(Number(repeats), () => readLogFile(log, options));
  const out = {
    lines: result.summary.lines,
    windows: result.windows.length,
    seconds,
    linesPerSecond: result.summary.lines / seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
