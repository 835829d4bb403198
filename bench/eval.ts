// npm run eval [-- --profiles seed,extended-auto] [--seeds 1,2,3,4,5] [--only syslog-d,services-e]
// The held-out evaluation of issue #12: every log of bench/eval-corpus.ts through the real CLI
// (dist/detect.cjs, no labels given, so nothing is tuned on them), then precision / recall / F1 of
// each detector and of the ensemble against the log's labels, per log and as means of the train
// and test splits. Settings may be chosen by looking at train only; test says how they hold.
// --seeds repeats the first three test logs with those detector seeds: the spread of F1.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { benchDetect, type DetectTiming } from "./bench-pipeline";
import { CORPUS, EVAL_DIR, ensureCorpusLog, type CorpusEntry, type Split } from "./eval-corpus";

/** The ways of running the CLI that are compared: the pipeline contract's defaults, and the best known so far. */
const PROFILES: Record<string, string[]> = {
  seed: ["--profile", "seed"],
  // The recommended profile's settings with the contract's 2-of-3 vote: what the score-level ensemble is measured against.
  "extended-auto": ["--profile", "recommended", "--combine", "vote"],
  recommended: ["--profile", "recommended"],
};

const DETECTORS = ["isolationForest", "dbscan", "autoencoder", "ensemble"] as const;

const { values } = parseArgs({ options: { profiles: { type: "string", default: "seed,extended-auto,recommended" }, seeds: { type: "string" }, only: { type: "string" } } });
const profiles = (values.profiles ?? "").split(",").filter((p) => p !== "");
for (const profile of profiles) if (!(profile in PROFILES)) throw new Error(`Unknown profile ${profile}: use ${Object.keys(PROFILES).join(", ")}.`);
const only = values.only ? new Set(values.only.split(",")) : null;
const entries = CORPUS.filter((entry) => only === null || only.has(entry.name));
const say = (line: string) => process.stdout.write(`${line}\n`);
const f = (x: number) => x.toFixed(3);
const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

interface Row {
  entry: CorpusEntry;
  windows: number;
  labelled: number;
  results: Record<string, DetectTiming>;
}

async function main(): Promise<void> {
  say(`machine load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}; profiles ${profiles.join(", ")}`);
  const rows: Row[] = [];
  for (const entry of entries) {
    const generated = await ensureCorpusLog(entry);
    const results: Record<string, DetectTiming> = {};
    for (const profile of profiles) results[profile] = await benchDetect(generated, PROFILES[profile] ?? []);
    const any = Object.values(results)[0];
    rows.push({ entry, windows: any?.windows ?? 0, labelled: any?.labelledWindows ?? 0, results });
    say(`  ${entry.name} (${entry.split}): ${profiles.map((p) => `${p} ensemble F1 ${f(results[p]?.scores.ensemble.f1 ?? NaN)}`).join(", ")}`);
  }
  for (const split of ["train", "test"] as Split[]) printSplit(split, rows.filter((row) => row.entry.split === split));
  const spread = values.seeds ? await seedSpread(values.seeds.split(",").map(Number)) : [];
  await writeFile(join(EVAL_DIR, "results.json"), JSON.stringify({ load: loadavg(), rows: rows.map(({ entry, windows, labelled, results }) => ({ name: entry.name, split: entry.split, source: entry.source, windows, labelled, results })), spread }, null, 2));
}

function printSplit(split: Split, rows: Row[]): void {
  if (rows.length === 0) return;
  say(`\n== ${split} (${rows.length} logs): F1 per detector, isolation forest / dbscan / autoencoder / ensemble`);
  say(`| log | source | windows | labelled | ${profiles.join(" | ")} |`);
  say(`|---|---|---|---|${profiles.map(() => "---|").join("")}`);
  for (const row of rows) {
    const cells = profiles.map((p) => DETECTORS.map((d) => f(row.results[p]?.scores[d].f1 ?? NaN)).join(" / "));
    say(`| ${row.entry.name} | ${row.entry.source} | ${row.windows} | ${((100 * row.labelled) / Math.max(1, row.windows)).toFixed(1)}% | ${cells.join(" | ")} |`);
  }
  const means = profiles.map((p) => DETECTORS.map((d) => f(mean(rows.map((row) => row.results[p]?.scores[d].f1 ?? NaN)))).join(" / "));
  say(`| **mean** | | | | ${means.join(" | ")} |`);
  const worst = profiles.map((p) => f(Math.min(...rows.map((row) => row.results[p]?.scores.ensemble.f1 ?? NaN))));
  say(`| lowest ensemble F1 | | | | ${worst.join(" | ")} |`);
}

async function seedSpread(seeds: number[]): Promise<{ name: string; profile: string; f1: number[]; sd: number }[]> {
  const picked = CORPUS.filter((entry) => entry.split === "test").slice(0, 3);
  const out: { name: string; profile: string; f1: number[]; sd: number }[] = [];
  say(`\n== Spread of ensemble F1 across detector seeds ${seeds.join(", ")}`);
  for (const entry of picked) {
    const generated = await ensureCorpusLog(entry);
    for (const profile of profiles) {
      const f1: number[] = [];
      for (const seed of seeds) f1.push((await benchDetect(generated, [...(PROFILES[profile] ?? []), "--seed", String(seed)])).scores.ensemble.f1);
      const m = mean(f1);
      const sd = Math.sqrt(mean(f1.map((x) => (x - m) ** 2)));
      out.push({ name: entry.name, profile, f1, sd });
      say(`  ${entry.name} ${profile}: ${f1.map(f).join(", ")} (mean ${f(m)}, sd ${f(sd)})`);
    }
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
