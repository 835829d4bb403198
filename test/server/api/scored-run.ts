import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { updateRun } from "@/lib/db/update-run";
import { Random } from "@/lib/detectors/random";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { WindowFeatures } from "@/lib/logs/types";
import { featureMatrix } from "@/lib/pipeline/score-windows";
import { PARAMS, sha } from "../../db/fixtures";

/**
 * A succeeded run of `n` windows stored directly (no training, as bench/bench-store.ts seeds its
 * runs): seeded random features around a few busy and quiet patterns, so the scaled windows form
 * clusters with outliers the way a real log's do and the detectors have real work. `minSamples` is
 * the run's own DBSCAN min samples.
 */
export async function seedScoredRun(n: number, options: { seed?: number; minSamples?: number } = {}): Promise<number> {
  const random = new Random(options.seed ?? 7);
  // event_count, unique_messages, distinct_hosts, distinct_processes, avg_msg_length, failed_auth_count, invalid_user_count, entropy_tokens.
  const patterns = [[40, 12, 3, 6, 40, 1, 0, 3], [5, 3, 1, 2, 12, 0, 0, 1], [90, 25, 4, 9, 80, 2, 0, 6]];
  const windows: WindowFeatures[] = [];
  for (let i = 0; i < n; i++) {
    const base = patterns[random.nextInt(patterns.length)] ?? [];
    const spread = random.nextFloat() < 0.02 ? 1 : 0.1;
    // Counts are whole numbers; avg_msg_length (4) and entropy_tokens (7) are not.
    const values = base.map((v, f) => {
      const value = Math.max(0, v * (1 + spread * random.nextGaussian()));
      return f === 4 || f === 7 ? value : Math.round(value);
    });
    windows.push({ start: 1_750_000_000 + i * 60, end: 1_750_000_060 + i * 60, values });
  }
  const scaled = new StandardScaler().fitTransform(featureMatrix(windows));
  const column = () => Float64Array.from({ length: n }, () => random.nextFloat());
  const labels = () => Uint8Array.from({ length: n }, () => (random.nextFloat() < 0.05 ? 1 : 0));
  const { logFile } = await createLogFile({ originalName: "seeded.log", sha256: sha(options.seed ?? 7), size: 1, lines: n, unparsedLines: 0 });
  const run = await createRun({ logFileId: logFile.id, params: { ...PARAMS, minSamples: options.minSamples ?? PARAMS.minSamples }, status: "running" });
  await insertWindows({
    runId: run.id,
    windows,
    scaled,
    scores: { isolationForest: column(), autoencoder: column(), dbscanDistance: column() },
    labels: { isolationForest: labels(), dbscan: labels(), autoencoder: labels(), ensemble: labels() },
    lineRanges: windows.map((_, i) => [{ firstLine: i * 10 + 1, lineCount: 10, offset: i * 1000, length: 999 }]),
  });
  const counts = { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 };
  await updateRun(run.id, { status: "succeeded", windowCount: n, counts, ifThreshold: 0.9, aeThreshold: 0.9 });
  return run.id;
}
