// Issue #11's acceptance: every built-in log format is read at 300,000 records/s or more. Each
// format's full extraction (parse + window + features, as the pipeline streams a file) is timed in a
// process of its own, as benchParse times the classic path (see parse-child.ts): module warm-up,
// JIT state and heap of one format then do not flatter or slow the next.
//
// Alone: npx tsx --conditions=react-server bench/bench-formats.ts [label substring...]
import { createReadStream } from "node:fs";
import { extractWindows } from "@/lib/logs/extract-windows";
import { ensureFormatLog } from "./format-logs";
import { fmt, run, timeBest, verdict } from "./bench-support";

export const FORMAT_RECORDS_PER_SECOND = 300_000;

// Year-less stamps (classic syslog) need one; the generated logs start in November 2024.
const YEAR = 2024;
const SEED = 1111;

/** One row: the log (a generator of format-logs.ts) and the `--format` value it is read with ("": none). */
interface FormatCase {
  label: string;
  log: string;
  format: string;
}

const CASES: FormatCase[] = [
  { label: "syslog (classic §1 lines)", log: "syslog", format: "syslog" },
  // The same log without formatOptions, the path that predates issue #11: "keeps its speed" compares the two.
  { label: "syslog (§1, no formatOptions)", log: "syslog", format: "" },
  { label: "syslog (<PRI>, RFC 3339, .ms)", log: "syslog-variants", format: "syslog" },
  { label: "rfc5424", log: "rfc5424", format: "rfc5424" },
  { label: "json", log: "json", format: "json" },
  { label: "cri", log: "cri", format: "cri" },
  { label: "access", log: "access", format: "access" },
  { label: "w3c", log: "w3c", format: "w3c" },
  { label: "timestamped (log4j2)", log: "timestamped", format: "timestamped" },
  { label: "loghub:HDFS", log: "loghub-hdfs", format: "loghub:HDFS" },
  // Detection holds and replays the head of the file; this row shows what that costs.
  { label: "auto (on the json log)", log: "json", format: "auto" },
];

/** What the child measures: the best of three full extractions of one file. */
interface ChildTiming {
  lines: number;
  records: number;
  unparsed: number;
  bytes: number;
  windows: number;
  /** The format the extraction reports (what `auto` settled on). */
  readAs: string;
  seconds: number;
  maxRssMiB: number;
}

export interface FormatTiming extends ChildTiming {
  label: string;
  format: string;
  recordsPerSecond: number;
  mbPerSecond: number;
}

/** In the child: times `extractWindows` on `log` read as `format`, prints one JSON line. */
async function measureChild(log: string, format: string): Promise<void> {
  const { seconds, result } = await timeBest(3, () =>
    extractWindows(createReadStream(log, { highWaterMark: 1 << 20 }), { year: YEAR, window: 60, ...(format === "" ? {} : { formatOptions: { format } }) }),
  );
  const s = result.summary;
  const out: ChildTiming = {
    lines: s.lines,
    records: s.parsedLines,
    unparsed: s.unparsedLines,
    bytes: s.bytes,
    windows: result.windows.length,
    readAs: s.format?.name ?? "classic",
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Generates (or finds in bench/out) the logs the cases read, before anything is timed. */
async function ensureLogs(cases: FormatCase[], lines: number): Promise<Map<string, string>> {
  const logs = new Map<string, string>();
  for (const c of cases) {
    if (!logs.has(c.log)) logs.set(c.log, await ensureFormatLog(c.log, lines, SEED));
  }
  return logs;
}

/**
 * One row per case (all of them, or those whose label contains one of `only`), each in its own
 * process. `lines` is the size of each generated log (BENCH_FORMAT_LINES, default 300,000).
 */
export async function benchFormats(lines = Number(process.env.BENCH_FORMAT_LINES ?? 300_000), only: string[] = []): Promise<FormatTiming[]> {
  const cases = only.length === 0 ? CASES : CASES.filter((c) => only.some((o) => c.label.toLowerCase().includes(o.toLowerCase())));
  const logs = await ensureLogs(cases, lines);
  const rows: FormatTiming[] = [];
  for (const c of cases) {
    const log = logs.get(c.log) ?? "";
    const { stdout } = await run(process.execPath, ["--import", "tsx", __filename, "--child", log, c.format]);
    const t = JSON.parse(stdout) as ChildTiming;
    rows.push({ label: c.label, format: c.format, ...t, recordsPerSecond: t.records / t.seconds, mbPerSecond: t.bytes / 1e6 / t.seconds });
  }
  return rows;
}

/** The section's title, the table's heading and one line per row, as run.ts prints its other sections. */
export function formatSection(rows: FormatTiming[]): string[] {
  const title = `\n== Parse per log format (${(rows[0]?.lines ?? 0).toLocaleString("en")} generated lines each, best of 3, each in its own process)`;
  const head = `  ${"format".padEnd(31)} ${"records".padStart(8)} ${"time".padStart(8)} ${"records/s".padStart(10)} ${"MB/s".padStart(6)}  ${"RSS".padStart(7)}`;
  return [title, head, ...rows.map((r) => {
    // Lines that were neither records, continuations nor directives mean a generator and a parser disagree.
    const notes = [r.format !== "" && r.readAs !== r.format ? `read as ${r.readAs}` : "", r.unparsed > 0 ? `${r.unparsed} unparsed` : ""].filter(Boolean).join(", ");
    const cells = [
      r.label.padEnd(31),
      String(r.records).padStart(8),
      fmt(r.seconds).padStart(8),
      Math.round(r.recordsPerSecond).toLocaleString("en").padStart(10),
      r.mbPerSecond.toFixed(1).padStart(6),
      `${r.maxRssMiB.toFixed(0)} MiB`.padStart(8),
    ];
    return `  ${cells.join(" ")}  [target ${FORMAT_RECORDS_PER_SECOND.toLocaleString("en")}: ${verdict(r.recordsPerSecond, FORMAT_RECORDS_PER_SECOND, true)}]${notes ? `  (${notes})` : ""}`;
  })];
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "--child") return measureChild(args[1] ?? "", args[2] ?? "");
  process.stdout.write(`${formatSection(await benchFormats(undefined, args)).join("\n")}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
