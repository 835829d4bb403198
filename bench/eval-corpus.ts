// The held-out evaluation's corpus (issue #12): 22 labelled logs from two generators written
// apart (lib/generate: BSD syslog of a Linux fleet; lib/generate-services: JSON lines of a web
// service fleet), over wide ranges of size, fleet, rate and episode mix, split once into train
// and test. Rules: settings may be chosen by looking at the train logs only; nothing is fitted or
// chosen on test. The seeds are new: none is one of the bench's logs (7, 11, 101, 202, 303, 404),
// on which the current defaults and the extended + auto thresholds were chosen earlier.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatLabelsCsv } from "@/lib/generate";
import { generateServiceLogs, type ServiceLogOptions } from "@/lib/generate-services";
import { OUT_DIR, run, type GeneratedLog } from "./bench-support";

export const EVAL_DIR = join(OUT_DIR, "eval");

export type Split = "train" | "test";

interface SyslogEntry {
  name: string;
  split: Split;
  source: "syslog-fleet";
  lines: number;
  seed: number;
  hosts: number;
  /** Episodes in all (default: the generator's one per 10k lines). */
  episodes?: number;
}

interface ServiceEntry {
  name: string;
  split: Split;
  source: "service-fleet";
  options: Omit<ServiceLogOptions, "start">;
}

export type CorpusEntry = SyslogEntry | ServiceEntry;

const SERVICE_START = Date.parse("2026-03-02T00:00:00Z") / 1000;

export const CORPUS: readonly CorpusEntry[] = [
  { name: "syslog-a", split: "train", source: "syslog-fleet", lines: 150_000, seed: 21, hosts: 8 },
  { name: "syslog-b", split: "train", source: "syslog-fleet", lines: 300_000, seed: 22, hosts: 3, episodes: 12 },
  { name: "syslog-c", split: "train", source: "syslog-fleet", lines: 200_000, seed: 23, hosts: 24 },
  { name: "syslog-d", split: "test", source: "syslog-fleet", lines: 150_000, seed: 31, hosts: 5 },
  { name: "syslog-e", split: "test", source: "syslog-fleet", lines: 250_000, seed: 32, hosts: 16, episodes: 40 },
  { name: "syslog-f", split: "test", source: "syslog-fleet", lines: 400_000, seed: 33, hosts: 40 },
  { name: "syslog-g", split: "test", source: "syslog-fleet", lines: 120_000, seed: 34, hosts: 2, episodes: 6 },
  // Added in a later stop, before any new setting was chosen: 8 more train logs over wider ranges,
  // so choices rest on 14 logs, not 6. The test logs are unchanged.
  { name: "syslog-h", split: "train", source: "syslog-fleet", lines: 100_000, seed: 61, hosts: 4, episodes: 3 },
  { name: "syslog-i", split: "train", source: "syslog-fleet", lines: 350_000, seed: 62, hosts: 12, episodes: 50 },
  { name: "syslog-j", split: "train", source: "syslog-fleet", lines: 250_000, seed: 63, hosts: 32, episodes: 10 },
  { name: "syslog-k", split: "train", source: "syslog-fleet", lines: 180_000, seed: 64, hosts: 2 },
  { name: "services-a", split: "train", source: "service-fleet", options: { lines: 150_000, seed: 41, services: 5, ratePerMinute: 200 } },
  { name: "services-b", split: "train", source: "service-fleet", options: { lines: 250_000, seed: 42, services: 9, ratePerMinute: 600, episodesPerDay: 10 } },
  { name: "services-c", split: "train", source: "service-fleet", options: { lines: 200_000, seed: 43, services: 12, ratePerMinute: 1500, episodesPerDay: 24 } },
  { name: "services-h", split: "train", source: "service-fleet", options: { lines: 120_000, seed: 71, services: 3, ratePerMinute: 90, episodesPerDay: 4 } },
  { name: "services-i", split: "train", source: "service-fleet", options: { lines: 300_000, seed: 72, services: 8, ratePerMinute: 1000, episodesPerDay: 16, mix: { outage: 2, error_storm: 2 } } },
  {
    name: "services-j", split: "train", source: "service-fleet",
    options: { lines: 220_000, seed: 73, services: 6, ratePerMinute: 300, episodesPerDay: 12, mix: { latency_storm: 3, config_drift: 2, retry_backlog: 2 } },
  },
  { name: "services-k", split: "train", source: "service-fleet", options: { lines: 260_000, seed: 74, services: 11, ratePerMinute: 2000, episodesPerDay: 40 } },
  { name: "services-d", split: "test", source: "service-fleet", options: { lines: 150_000, seed: 51, services: 4, ratePerMinute: 120, episodesPerDay: 5 } },
  {
    name: "services-e", split: "test", source: "service-fleet",
    options: { lines: 250_000, seed: 52, services: 7, ratePerMinute: 400, episodesPerDay: 8, mix: { outage: 3, config_drift: 3, retry_backlog: 2 } },
  },
  { name: "services-f", split: "test", source: "service-fleet", options: { lines: 300_000, seed: 53, services: 10, ratePerMinute: 900, episodesPerDay: 12 } },
  {
    name: "services-g", split: "test", source: "service-fleet",
    options: { lines: 200_000, seed: 54, services: 12, ratePerMinute: 2500, episodesPerDay: 30, mix: { credential_stuffing: 3, latency_storm: 2 } },
  },
];

/** Writes `entry`'s log and labels under bench/out/eval (once; reused while its description is unchanged). */
export async function ensureCorpusLog(entry: CorpusEntry): Promise<GeneratedLog> {
  await mkdir(EVAL_DIR, { recursive: true });
  const log = join(EVAL_DIR, `${entry.name}.log`);
  const labels = `${log}.labels.csv`;
  const stamp = `${log}.entry.json`;
  const wanted = JSON.stringify(entry);
  const fresh = existsSync(stamp) && existsSync(log) && (await readFile(stamp, "utf8")) === wanted;
  if (entry.source === "syslog-fleet") {
    if (!fresh) {
      const args = ["dist/generate.cjs", "--lines", String(entry.lines), "--seed", String(entry.seed), "--hosts", String(entry.hosts), "--out", log];
      if (entry.episodes !== undefined) args.push("--episodes", String(entry.episodes));
      await run(process.execPath, args, { maxBuffer: 1 << 24 });
      await writeFile(stamp, wanted);
    }
    const firstLabel = (await readFile(labels, "utf8")).split("\n")[1] ?? "";
    return { log, labels, year: Number(firstLabel.slice(0, 4)) };
  }
  const options = { ...entry.options, start: SERVICE_START };
  if (!fresh) {
    const generator = generateServiceLogs(options);
    const chunks: string[] = [];
    let step = generator.next();
    while (!step.done) {
      chunks.push(step.value);
      step = generator.next();
    }
    await writeFile(log, chunks.join(""));
    await writeFile(labels, formatLabelsCsv(step.value.labels));
    await writeFile(stamp, wanted);
  }
  return { log, labels, year: new Date(SERVICE_START * 1000).getUTCFullYear() };
}
