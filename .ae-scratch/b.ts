import * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "../lib/detectors/autoencoder-backend";
async function main() {
  const dir = process.argv[2];
  const b = await ensureBackend({ wasmDir: dir });
  const again = await ensureBackend({ prefer: "cpu" });
  console.log("backend", b, again, tf.getBackend());
}
main();
