/**
 * Times Autoencoder.fit (20 epochs, 10k windows x 8 features, target <= 4 s) on each tfjs backend,
 * against the Keras-style baseline (tf.sequential + model.fit, same sizes) it replaced.
 * The backend is process-wide and chosen once, so each variant runs in a child process.
 *
 *   npx tsx bench/autoencoder-backends.ts            all variants, 3 runs each
 *   npx tsx bench/autoencoder-backends.ts wasm-simd  one variant, one run
 */
import { spawnSync } from "node:child_process";

import * as tf from "@/lib/detectors/tensorflow";

import { ensureBackend, type BackendOptions } from "../lib/detectors/autoencoder-backend";
import { Autoencoder } from "../lib/detectors/autoencoder";
import { createMatrix } from "../lib/detectors/matrix";
import { Random } from "../lib/detectors/random";

interface Variant {
  backend: Partial<BackendOptions>;
  trainer: "custom" | "model.fit";
}

const VARIANTS: Record<string, Variant> = {
  "wasm-simd": { backend: { prefer: "wasm", simd: true }, trainer: "custom" },
  "wasm-plain": { backend: { prefer: "wasm", simd: false }, trainer: "custom" },
  cpu: { backend: { prefer: "cpu" }, trainer: "custom" },
  "fit-wasm-simd": { backend: { prefer: "wasm", simd: true }, trainer: "model.fit" },
  "fit-cpu": { backend: { prefer: "cpu" }, trainer: "model.fit" },
};
const ROWS = 10_000;
const COLS = 8;
const RUNS = 3;

/** CPU time is steadier than wall time on a machine shared with other jobs; report both. */
function cpuMillis(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

async function runVariant(name: string, variant: Variant): Promise<void> {
  const backend = await ensureBackend(variant.backend);
  const random = new Random(7);
  const x = createMatrix(ROWS, COLS);
  for (let i = 0; i < x.data.length; i++) x.data[i] = random.nextGaussian();
  if (variant.trainer === "model.fit") {
    await runKerasFit(name, backend, x.data);
    return;
  }
  const autoencoder = new Autoencoder({ seed: 1 });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await autoencoder.fit(x);
  const fitMs = performance.now() - start;
  const cpuMs = cpuMillis(process.cpuUsage(cpuStart));
  const errStart = performance.now();
  autoencoder.errors(x);
  const errorsMs = performance.now() - errStart;
  const loss = autoencoder.lossHistory.at(-1) ?? NaN;
  console.log(`${name} (${backend}): fit ${fitMs.toFixed(0)} ms (cpu time ${cpuMs.toFixed(0)} ms), errors ${errorsMs.toFixed(0)} ms, final loss ${loss.toFixed(5)}`);
  autoencoder.dispose();
}

/** The straightforward port: 20 calls of fit(epochs 1) so the timing matches onEpoch granularity. */
async function runKerasFit(name: string, backend: string, data: Float64Array): Promise<void> {
  const model = tf.sequential();
  const sizes = [16, 8, 16, COLS];
  sizes.forEach((units, l) => {
    const activation = l + 1 < sizes.length ? "relu" : "linear";
    model.add(tf.layers.dense({ units, activation, inputShape: l === 0 ? [COLS] : undefined }));
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "meanSquaredError" });
  const x = tf.tensor2d(Float32Array.from(data), [ROWS, COLS]);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let loss = NaN;
  for (let epoch = 0; epoch < 20; epoch++) {
    const history = await model.fit(x, x, { epochs: 1, batchSize: 40, shuffle: true, verbose: 0 });
    loss = Number(history.history.loss?.[0]);
  }
  const cpuMs = cpuMillis(process.cpuUsage(cpuStart));
  console.log(`${name} (${backend}): fit ${(performance.now() - start).toFixed(0)} ms (cpu time ${cpuMs.toFixed(0)} ms), final loss ${loss.toFixed(5)}`);
  x.dispose();
  model.dispose();
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only) {
    const variant = VARIANTS[only];
    if (!variant) throw new Error(`unknown variant ${only}; one of ${Object.keys(VARIANTS).join(", ")}`);
    await runVariant(only, variant);
    return;
  }
  for (const name of Object.keys(VARIANTS)) {
    const runs = VARIANTS[name]?.trainer === "custom" ? RUNS : 1;
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? "", name], { stdio: "inherit" });
      if (child.status !== 0) throw new Error(`variant ${name} failed`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
