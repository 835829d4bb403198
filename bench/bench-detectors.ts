import { DBSCAN as PeerDbscan } from "density-clustering";
import { IsolationForest as PeerIsolationForest } from "ml-isolation-forest";
import { Dbscan } from "@/lib/detectors/dbscan";
import { IsolationForest } from "@/lib/detectors/isolation-forest";
import { toRows } from "@/lib/detectors/matrix";
import { Random } from "@/lib/detectors/random";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { Matrix } from "@/lib/detectors/types";
import type { WindowFeatures } from "@/lib/logs/types";
import { loadAutoencoder } from "@/lib/pipeline/detector-models";
import { featureMatrix } from "@/lib/pipeline/score-windows";
import { timeBest } from "./bench-support";

export interface DetectorTiming {
  detector: string;
  windows: number;
  ours: number;
  peer: number | null;
  /** Why the peer was not run, when it was not. */
  peerNote?: string;
}

const PEER_LIMIT_SECONDS = 60;
const CONTINUOUS_COLUMNS = [4, 7]; // avg_msg_length, entropy_tokens

/**
 * `n` scaled windows drawn (with replacement, seeded) from a generated log's real windows. The two
 * continuous features get 1% multiplicative noise so resampling does not hand DBSCAN exact
 * duplicates that real logs would not have in that number.
 */
export function sampleWindows(source: readonly WindowFeatures[], n: number, seed = 11): Matrix {
  const base = featureMatrix(source);
  const random = new Random(seed);
  const out: Matrix = { rows: n, cols: base.cols, data: new Float64Array(n * base.cols) };
  for (let i = 0; i < n; i++) {
    const from = random.nextInt(base.rows) * base.cols;
    for (let j = 0; j < base.cols; j++) out.data[i * base.cols + j] = base.data[from + j] as number;
    for (const j of CONTINUOUS_COLUMNS) {
      const at = i * base.cols + j;
      out.data[at] = (out.data[at] as number) * (1 + 0.01 * random.nextGaussian());
    }
  }
  return new StandardScaler().fitTransform(out);
}

/** Runs a peer only when a smaller run says it will finish within the limit. */
async function timePeer(
  n: number,
  probeN: number,
  exponent: number,
  work: (rows: number) => unknown,
): Promise<{ seconds: number | null; note?: string }> {
  const probe = await timeBest(1, () => work(probeN));
  const projected = probe.seconds * (n / probeN) ** exponent;
  if (projected > PEER_LIMIT_SECONDS) {
    return { seconds: null, note: `skipped: projected ${projected.toFixed(0)} s (over ${PEER_LIMIT_SECONDS} s) from ${probeN} windows in ${probe.seconds.toFixed(2)} s` };
  }
  return { seconds: (await timeBest(1, () => work(n))).seconds };
}

export async function benchIsolationForest(source: readonly WindowFeatures[], sizes: number[]): Promise<DetectorTiming[]> {
  const out: DetectorTiming[] = [];
  for (const n of sizes) {
    const x = sampleWindows(source, n);
    const ours = await timeBest(3, () => new IsolationForest({ seed: 1 }).fit(x).score(x));
    const rows = toRows(x);
    const peer = await timePeer(n, Math.min(n, 5000), 1.2, (m) => {
      const forest = new PeerIsolationForest();
      const part = rows.slice(0, m);
      forest.train(part);
      return forest.predict(part);
    });
    out.push({ detector: "isolation forest (fit + score)", windows: n, ours: ours.seconds, peer: peer.seconds, peerNote: peer.note });
  }
  return out;
}

export async function benchDbscan(source: readonly WindowFeatures[], sizes: number[]): Promise<DetectorTiming[]> {
  const out: DetectorTiming[] = [];
  for (const n of sizes) {
    const x = sampleWindows(source, n);
    const ours = await timeBest(3, () => new Dbscan({ eps: 0.5, minSamples: 5 }).fit(x));
    const rows = toRows(x);
    const peer = await timePeer(n, Math.min(n, 3000), 2, (m) => new PeerDbscan().run(rows.slice(0, m), 0.5, 5));
    out.push({ detector: "dbscan (fit)", windows: n, ours: ours.seconds, peer: peer.seconds, peerNote: peer.note });
  }
  return out;
}

export async function benchAutoencoder(source: readonly WindowFeatures[], sizes: number[]): Promise<DetectorTiming[]> {
  const { Autoencoder } = await loadAutoencoder();
  const out: DetectorTiming[] = [];
  for (const n of sizes) {
    const x = sampleWindows(source, n);
    const ours = await timeBest(2, async () => {
      const model = new Autoencoder({ epochs: 20, seed: 1 });
      await model.fit(x);
      model.errors(x);
      model.dispose();
    });
    out.push({ detector: "autoencoder (20 epochs + errors)", windows: n, ours: ours.seconds, peer: null, peerNote: "no JS peer named by the design" });
  }
  return out;
}
