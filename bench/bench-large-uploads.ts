// Issue #14's API rows: a gzip-compressed 10M-line log (1.78 GB of text) POSTed to /api/runs until
// the run has succeeded (target 40 s), and an upload past 2 GiB with LOGSCOPE_MAX_UPLOAD_BYTES
// raised. Both are opt-in (BENCH_API_10M=1): they generate 1.8 and 2.2 GB and take minutes.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { ensureGeneratedLog } from "./bench-support";
import { benchStoreEndToEnd, type StoreEndToEndTiming } from "./bench-store";

/** Issue #14: a 1.74 GB log, gzip-compressed, through the API to a finished run. */
export const GZIP_API_TARGET_SECONDS = 40;
const GZIP_LINES = 10_000_000;
// 12.5M generated lines are 2.23 GB: past 2 GiB (2.147 GB), the old default limit.
const PAST_2GIB_LINES = 12_500_000;

export interface LargeUploadRow extends StoreEndToEndTiming {
  what: string;
  /** Bytes sent (the compressed size for the gzip row). */
  sentBytes: number;
  load: number;
}

/** The generated log compressed as logrotate leaves it (gzip's default level 6), cached beside it. */
async function ensureGzipped(log: string): Promise<string> {
  const gz = `${log}.gz`;
  const stamp = `${gz}.source-size`;
  const size = String((await stat(log)).size);
  if (existsSync(gz) && existsSync(stamp) && (await readFile(stamp, "utf8")) === size) return gz;
  process.stdout.write(`Compressing ${log} (gzip level 6)...\n`);
  await pipeline(createReadStream(log), createGzip({ level: 6 }), createWriteStream(gz));
  await writeFile(stamp, size);
  return gz;
}

async function row(
  what: string, path: string, year: number, options: { env?: Record<string, string>; fields?: Record<string, string> } = {},
): Promise<LargeUploadRow> {
  const { loadavg } = await import("node:os");
  const load = loadavg()[0] ?? 0;
  const timing = await benchStoreEndToEnd(path, year, "sqlite", options);
  return { ...timing, what, sentBytes: (await stat(path)).size, load };
}

export async function benchLargeUploads(): Promise<LargeUploadRow[]> {
  const ten = await ensureGeneratedLog(GZIP_LINES, 7);
  const gz = await ensureGzipped(ten.log);
  const gzipRow = await row(`${GZIP_LINES.toLocaleString("en")} lines, gzip, default profile`, gz, ten.year);
  const gzipSeedRow = await row(`${GZIP_LINES.toLocaleString("en")} lines, gzip, profile seed`, gz, ten.year, { fields: { profile: "seed" } });
  const big = await ensureGeneratedLog(PAST_2GIB_LINES, 7);
  const bigRow = await row(`${PAST_2GIB_LINES.toLocaleString("en")} lines, LOGSCOPE_MAX_UPLOAD_BYTES=3GiB, default profile`, big.log, big.year, {
    env: { LOGSCOPE_MAX_UPLOAD_BYTES: "3GiB" },
  });
  return [gzipRow, gzipSeedRow, bigRow];
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

export function largeUploadSection(rows: readonly LargeUploadRow[]): string[] {
  return [
    `\n== Large logs through POST /api/runs until the run succeeded, profile as named (issue #14; BENCH_API_10M=1)`,
    ...rows.map((r) => {
      const target = r.what.includes("gzip") ? `  [target ${GZIP_API_TARGET_SECONDS} s: ${r.totalSeconds <= GZIP_API_TARGET_SECONDS ? "ok" : "MISSED"}]` : "";
      return `  ${r.what}: sent ${gb(r.sentBytes)}, stored ${gb(r.bytes)}, ${r.lines.toLocaleString("en")} lines, ${r.windows} windows: ${r.totalSeconds.toFixed(1)} s (upload ${r.uploadSeconds.toFixed(1)} s, worker ${r.trainSeconds.toFixed(1)} s), worker --rss ${r.workerPeakRssMiB.toFixed(0)} MiB, load ${r.load.toFixed(1)}${target}`;
    }),
  ];
}
