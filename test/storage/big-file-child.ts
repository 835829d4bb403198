// Child of big-file.test.ts: puts and fetches one large file through a store and reports, as one
// JSON line, the seconds taken and how far this process's resident memory grew meanwhile. A
// child of its own, so that neither the test runner nor s3rver (in the parent) counts.
import { createHash } from "node:crypto";
import { createReadStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BlobStore } from "@/lib/storage/blob-store";
import { DirectoryStore } from "@/lib/storage/directory-store";
import { S3Store } from "@/lib/storage/s3-store";

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const [kind = "dir", file = "", scratch = "", endpoint = "", bucket = "", multipart = "0"] = process.argv.slice(2);
  const settings = { dataDir: join(scratch, "data"), modelsDir: join(scratch, "models") };
  const store: BlobStore =
    kind === "dir"
      ? new DirectoryStore(settings)
      : new S3Store({ kind: "s3", bucket, prefix: "big", endpoint, region: "us-east-1" }, settings, {
          multipartBytes: multipart === "1" ? 16 * 1024 * 1024 : undefined,
          partBytes: 8 * 1024 * 1024,
        });
  // Warm up (loads the SDK, opens a connection) before the baseline.
  writeFileSync(join(scratch, "tiny"), "x");
  await store.put("uploads/warm-up.log", join(scratch, "tiny"));
  await store.fetch("uploads/warm-up.log", join(scratch, "tiny-back"));
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  await store.put("uploads/big.log", file);
  const putSeconds = (Date.now() - started) / 1000;
  const putPeak = peak;
  const back = join(scratch, "back.log");
  await store.fetch("uploads/big.log", back);
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const same = (await sha256(file)) === (await sha256(back));
  process.stdout.write(`${JSON.stringify({ putSeconds, seconds, growthMiB: (peak - base) / 1024 ** 2, putGrowthMiB: (putPeak - base) / 1024 ** 2, same })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
