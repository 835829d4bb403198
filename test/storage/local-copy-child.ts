// Child of local-copy.test.ts: waits for the go file, then asks for a local copy of one key (the
// store is chosen by the LOGSCOPE_STORAGE variables) and prints the path it got.
import { existsSync } from "node:fs";
import { localCopy } from "@/lib/storage/local-copy";

async function main(): Promise<void> {
  const [key = "", go = ""] = process.argv.slice(2);
  // Both children start their downloads together, not one after the other's tsx start-up.
  while (!existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 5));
  process.stdout.write(`${await localCopy(key)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
