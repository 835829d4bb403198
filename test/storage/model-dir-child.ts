// Child of local-copy.test.ts: a fresh process (a restarted server) asks for a local copy of one
// model directory (the store is chosen by the LOGSCOPE_STORAGE variables) and prints the first byte
// of its autoencoder weights.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { localModelDir } from "@/lib/storage/model-dirs";

async function main(): Promise<void> {
  const [modelDir = ""] = process.argv.slice(2);
  const local = await localModelDir(modelDir);
  process.stdout.write(`${readFileSync(join(local, "autoencoder", "weights.bin"))[0]}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
