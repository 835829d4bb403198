// npm run bench: the speed targets of the Core issue, measured on this machine, with the two peer
// packages named by the design run on the same data. Figures go to bench/results.json.
import { writeFile } from "node:fs/promises";
import { readLogFile } from "@/lib/pipeline/read-log-file";
import { benchAutoencoder, benchDbscan, benchIsolationForest, type DetectorTiming } from "./bench-detectors";
import { benchFormats, FORMAT_RECORDS_PER_SECOND, formatSection } from "./bench-formats";
import { benchDetect, benchHeldOut, benchParse, type DetectTiming } from "./bench-pipeline";
import { MEMORY_PROFILES, benchDetectMemory, memoryBenchLines, memorySection, type DetectMemory } from "./bench-memory";
import { benchParallelParse, parallelParseSection } from "./bench-parallel-parse";
import { benchInsertWindows, benchRelabel, benchStoreEndToEnd } from "./bench-store";
import { benchLargeUploads, largeUploadSection, type LargeUploadRow } from "./bench-large-uploads";
import { benchLive, liveSection } from "./bench-live";
import { ensureGeneratedLog, fmt, verdict } from "./bench-support";
import { median } from "./worker-throughput-report";

const TARGETS = {
  parseLinesPerSecond: 500_000,
  // Issue #14: parse + window + features on the machine's 2 cores.
  parallelParseLinesPerSecond: 1_200_000,
  formatRecordsPerSecond: FORMAT_RECORDS_PER_SECOND,
  isolationForest100k: 2.5,
  dbscan50k: 6,
  autoencoder10k: 4,
  detect1M: 8,
  insert100k: 2,
  relabel10k: 0.3,
  relabelDbscan50k: 3,
  ensembleF1: 0.9,
};

const say = (text: string) => process.stdout.write(`${text}\n`);

function printTimings(rows: DetectorTiming[], targetWindows: number, target: number) {
  for (const row of rows) {
    const peer = row.peer === null ? row.peerNote ?? "-" : `${fmt(row.peer)} (${(row.peer / row.ours).toFixed(1)}x ours)`;
    const mark = row.windows === targetWindows ? `  [target ${target} s: ${verdict(row.ours, target)}]` : "";
    say(`  ${row.detector.padEnd(34)} ${String(row.windows).padStart(7)} windows  ours ${fmt(row.ours).padStart(8)}  peer ${peer}${mark}`);
  }
}

async function main() {
  const lines = Number(process.env.BENCH_LINES ?? 1_000_000);
  const generated = await ensureGeneratedLog(lines, 7);

  say(`\n== Parse + window + features (${lines.toLocaleString("en")} generated lines)`);
  const parse = await benchParse(generated);
  say(`  ${Math.round(parse.linesPerSecond).toLocaleString("en")} lines/s (${fmt(parse.seconds)}, ${parse.windows} windows, max RSS ${parse.maxRssMiB.toFixed(0)} MiB; readLogFile's default: parallel on the cores)  [target ${TARGETS.parseLinesPerSecond.toLocaleString("en")}: ${verdict(parse.linesPerSecond, TARGETS.parseLinesPerSecond, true)}]`);
  // Issue #14: one thread against the parallel parse, alternated; 5M and 10M lines (issue #14's
  // acceptance is on 10M) with BENCH_PARALLEL_5M=1 and BENCH_PARALLEL_10M=1.
  const parallelParse = [await benchParallelParse(lines)];
  if (process.env.BENCH_PARALLEL_5M === "1") parallelParse.push(await benchParallelParse(5_000_000));
  if (process.env.BENCH_PARALLEL_10M === "1") parallelParse.push(await benchParallelParse(10_000_000));
  for (const row of parallelParseSection(parallelParse, TARGETS.parallelParseLinesPerSecond)) say(row);

  // Issue #11: each built-in format (its own generated log, generated before anything is timed).
  const formats = await benchFormats();
  for (const row of formatSection(formats)) say(row);

  const { windows } = await readLogFile(generated.log, { year: generated.year, window: 60 });
  say(`\n== Detectors on windows resampled from that log (peers: ml-isolation-forest 0.1.0, density-clustering 1.3.0)`);
  const forest = await benchIsolationForest(windows, [10_000, 50_000, 100_000]);
  printTimings(forest, 100_000, TARGETS.isolationForest100k);
  const dbscan = await benchDbscan(windows, [10_000, 50_000, 100_000]);
  printTimings(dbscan, 50_000, TARGETS.dbscan50k);
  const autoencoder = await benchAutoencoder(windows, [10_000, 50_000]);
  printTimings(autoencoder, 10_000, TARGETS.autoencoder10k);

  say(`\n== Whole detect CLI on the ${lines.toLocaleString("en")}-line log`);
  const detect = await benchDetect(generated);
  say(detect.summary.replace(/^/gm, "  "));
  say(`  wall clock ${fmt(detect.seconds)} including process start (--profile seed)  [target ${TARGETS.detect1M} s: ${verdict(detect.seconds, TARGETS.detect1M)}]`);
  // Issue #12: the default profile may cost at most twice the contract's on this log. One pair of
  // runs swings by a third on this shared 2-core machine, so three alternated pairs, the median ratio.
  const pairs: { seed: number; recommended: number }[] = [];
  let recommended = await benchDetect(generated, ["--profile", "recommended"]);
  pairs.push({ seed: detect.seconds, recommended: recommended.seconds });
  for (let k = 1; k < 3; k++) {
    const seed = await benchDetect(generated);
    recommended = await benchDetect(generated, ["--profile", "recommended"]);
    pairs.push({ seed: seed.seconds, recommended: recommended.seconds });
  }
  const ratios = pairs.map((pair) => pair.recommended / pair.seed);
  const cost = median(ratios);
  say(`  the default profile (recommended): ${pairs.map((pair) => fmt(pair.recommended)).join(", ")} against ${pairs.map((pair) => fmt(pair.seed)).join(", ")} (alternated): ${ratios.map((r) => `${r.toFixed(2)}x`).join(", ")}, median ${cost.toFixed(2)}x --profile seed  [target at most 2x: ${verdict(cost, 2)}]; ensemble F1 ${recommended.scores.ensemble.f1.toFixed(3)} against ${detect.scores.ensemble.f1.toFixed(3)}`);
  say(`  against ${detect.labelledWindows} labelled anomalous windows of ${detect.windows}:`);
  for (const [model, score] of Object.entries(detect.scores)) {
    say(`    ${model.padEnd(16)} precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}`);
  }

  // Issue #14: peak RSS of the whole CLI must not grow with the log.
  const memory: DetectMemory[] = [];
  for (const profile of MEMORY_PROFILES) {
    for (const memoryLines of memoryBenchLines()) memory.push(await benchDetectMemory(memoryLines, 7, profile));
  }
  for (const row of memorySection(memory)) say(row);

  // Issue #5's target: extended features with automatic thresholds (no labels used) reach ensemble
  // F1 >= 0.9 on the same labelled log; with the labels, thresholds chosen to maximise F1.
  const AUTO = ["--eps", "auto", "--contamination", "auto", "--ae-percentile", "auto"];
  const other = await ensureGeneratedLog(200_000, 11);
  const quality = {
    seedDefaults: detect,
    extendedAuto: await benchDetect(generated, ["--features", "extended", ...AUTO]),
    extendedHeldOut: await benchHeldOut(other, generated, ["--features", "extended", ...AUTO]),
    extendedLabels: await benchDetect(generated, ["--features", "extended", ...AUTO, "--labels", generated.labels]),
  };
  say(`\n== Detection quality on the ${lines.toLocaleString("en")}-line log (${detect.labelledWindows} labelled windows of ${detect.windows}; ensemble F1 target ${TARGETS.ensembleF1} with extended + auto; "another log": 200,000 lines, seed 11)`);
  say(`  ${"F1 per model; ensemble precision, recall, F1".padEnd(44)} ${["IF", "DBSCAN", "AE", "ens. P", "ens. R", "ens. F1"].map((h) => h.padStart(8)).join("")}`);
  const describe: Record<keyof typeof quality, string> = {
    seedDefaults: "seed features, default thresholds",
    extendedAuto: "extended features, auto thresholds",
    extendedHeldOut: "extended, tuned on another log's labels",
    extendedLabels: "extended, tuned on own labels (optimistic)",
  };
  for (const [key, row] of Object.entries(quality) as [keyof typeof quality, DetectTiming][]) {
    const s = row.scores;
    const cells = [s.isolationForest.f1, s.dbscan.f1, s.autoencoder.f1, s.ensemble.precision, s.ensemble.recall, s.ensemble.f1];
    const mark = key === "extendedAuto" ? `  [${verdict(s.ensemble.f1, TARGETS.ensembleF1, true)}]` : "";
    say(`  ${describe[key].padEnd(44)} ${cells.map((v) => v.toFixed(3).padStart(8)).join("")}${mark}`);
  }

  // One log can flatter or punish a threshold rule: the same settings on five more generated logs.
  say(`\n== Extended features, auto thresholds (no labels used) on more generated logs`);
  say(`  ${"log".padEnd(44)} ${["windows", "labelled", "IF", "DBSCAN", "AE", "ens. P", "ens. R", "ens. F1"].map((h) => h.padStart(9)).join("")}`);
  const more: { lines: number; seed: number; f1: number }[] = [];
  const moreLogs = [[200_000, 11], [200_000, 101], [300_000, 202], [500_000, 303], [1_000_000, 404]] as const;
  // Generated (or found in the cache) first, so that the generator's progress stays out of the table.
  const moreGenerated = [];
  for (const [moreLines, seed] of moreLogs) moreGenerated.push(await ensureGeneratedLog(moreLines, seed));
  for (const [i, [moreLines, seed]] of moreLogs.entries()) {
    const generatedLog = moreGenerated[i];
    if (!generatedLog) continue;
    const row = await benchDetect(generatedLog, ["--features", "extended", ...AUTO]);
    const s = row.scores;
    const cells = [s.isolationForest.f1, s.dbscan.f1, s.autoencoder.f1, s.ensemble.precision, s.ensemble.recall, s.ensemble.f1].map((v) => v.toFixed(3));
    say(`  ${`${moreLines.toLocaleString("en")} lines, seed ${seed}`.padEnd(44)} ${[String(row.windows), String(row.labelledWindows), ...cells].map((c) => c.padStart(9)).join("")}  [${verdict(s.ensemble.f1, TARGETS.ensembleF1, true)}]`);
    more.push({ lines: moreLines, seed, f1: s.ensemble.f1 });
  }

  say(`\n== Store (SQLite through lib/db)`);
  const insert = await benchInsertWindows(100_000);
  say(`  insert 100,000 windows ${fmt(insert.insertSeconds)}  [target ${TARGETS.insert100k} s: ${verdict(insert.insertSeconds, TARGETS.insert100k)}]; read their scores back ${fmt(insert.readScoresSeconds)}`);
  const relabel10k = await benchRelabel(10_000, windows);
  say(`  relabel 10,000 windows (contamination / percentile / votes) ${(relabel10k.thresholdsSeconds * 1000).toFixed(0)} ms  [target ${TARGETS.relabel10k * 1000} ms: ${verdict(relabel10k.thresholdsSeconds, TARGETS.relabel10k)}]`);
  const relabel50k = await benchRelabel(50_000, windows);
  say(`  relabel 50,000 windows with a new eps (DBSCAN refit) ${fmt(relabel50k.dbscanSeconds)}  [target ${TARGETS.relabelDbscan50k} s: ${verdict(relabel50k.dbscanSeconds, TARGETS.relabelDbscan50k)}]`);
  const endToEnd = await benchStoreEndToEnd(generated.log, generated.year);
  say(`  POST /api/runs with the ${lines.toLocaleString("en")}-line log until succeeded: ${fmt(endToEnd.totalSeconds)} (upload ${fmt(endToEnd.uploadSeconds)}, worker ${fmt(endToEnd.trainSeconds)}; ${endToEnd.windows} windows stored)`);

  const largeUploads: LargeUploadRow[] = process.env.BENCH_API_10M === "1" ? await benchLargeUploads() : [];
  for (const row of largeUploads.length > 0 ? largeUploadSection(largeUploads) : []) say(row);

  // Issue #15: the same store functions on PostgreSQL (the server scripts/with-test-services.ts starts).
  say(`\n== Store (PostgreSQL through lib/db, same functions)`);
  const pgInsert = await benchInsertWindows(100_000, "postgresql");
  say(`  insert 100,000 windows ${fmt(pgInsert.insertSeconds)}  [target ${TARGETS.insert100k} s: ${verdict(pgInsert.insertSeconds, TARGETS.insert100k)}]; read their scores back ${fmt(pgInsert.readScoresSeconds)}`);
  const pgRelabel10k = await benchRelabel(10_000, windows, "postgresql");
  say(`  relabel 10,000 windows (contamination / percentile / votes) ${(pgRelabel10k.thresholdsSeconds * 1000).toFixed(0)} ms  [target ${TARGETS.relabel10k * 1000} ms: ${verdict(pgRelabel10k.thresholdsSeconds, TARGETS.relabel10k)}]`);
  const pgRelabel50k = await benchRelabel(50_000, windows, "postgresql");
  say(`  relabel 50,000 windows with a new eps (DBSCAN refit) ${fmt(pgRelabel50k.dbscanSeconds)}  [target ${TARGETS.relabelDbscan50k} s: ${verdict(pgRelabel50k.dbscanSeconds, TARGETS.relabelDbscan50k)}]`);
  const pgEndToEnd = await benchStoreEndToEnd(generated.log, generated.year, "postgresql");
  say(`  POST /api/runs with the ${lines.toLocaleString("en")}-line log until succeeded: ${fmt(pgEndToEnd.totalSeconds)} (upload ${fmt(pgEndToEnd.uploadSeconds)}, worker ${fmt(pgEndToEnd.trainSeconds)}; ${pgEndToEnd.windows} windows stored)`);

  // Issue #17: HTTP ingest with a bearer token on loopback, and npm run watch on standard input.
  const live = await benchLive(other, 200_000);
  for (const row of liveSection(live)) say(row);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    targets: TARGETS,
    parse,
    parallelParse,
    formats,
    detectors: { isolationForest: forest, dbscan, autoencoder },
    detect,
    defaultProfileCost: { pairs, ratios, median: cost },
    memory,
    quality: Object.fromEntries(Object.entries(quality).map(([k, v]) => [k, { windows: v.windows, labelledWindows: v.labelledWindows, seconds: v.seconds, scores: v.scores }])),
    moreGeneratedLogs: more,
    store: { insert, relabel10k, relabel50k, endToEnd, largeUploads },
    postgresStore: { insert: pgInsert, relabel10k: pgRelabel10k, relabel50k: pgRelabel50k, endToEnd: pgEndToEnd },
    live,
  };
  await writeFile("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  say(`\nFigures written to bench/results.json`);
}

main().then(
  // The store benchmark's job runner and tfjs keep handles open; the figures are written.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
