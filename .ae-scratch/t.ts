import { ensureBackend } from "../lib/detectors/autoencoder-backend";
import { initDenseStack, trainDenseStack } from "../lib/detectors/autoencoder-train";
import { Random } from "../lib/detectors/random";
async function main() {
  console.log(await ensureBackend({ prefer: (process.argv[2] as "wasm" | "cpu") ?? "wasm" }));
  const r = new Random(1); const n = 10000, d = 8;
  const X = new Float32Array(n * d); for (let i = 0; i < X.length; i++) X[i] = process.argv[3] === "u" ? r.nextFloat() * 2 - 1 : r.nextGaussian();
  const stack = initDenseStack([8, 16, 8, 16, 8], r);
  const t0 = performance.now();
  const h = await trainDenseStack(stack, X, n, { epochs: 20, batchSize: 40, learningRate: 1e-3 }, r);
  console.log("train ms", (performance.now() - t0).toFixed(0), h.at(-1));
}
main();
