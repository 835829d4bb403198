import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DirectoryStore } from "@/lib/storage/directory-store";
import { S3Store } from "@/lib/storage/s3-store";
import { startTestS3 } from "./s3-test-server";
import { scratchDir, storeContract } from "./store-contract";

storeContract("the directory", async () => {
  const { dir, remove } = scratchDir("logscope-dir-store-");
  const scratch = join(dir, "scratch");
  mkdirSync(scratch);
  const store = new DirectoryStore({ dataDir: join(dir, "data"), modelsDir: join(dir, "models") });
  return { store, scratch, cleanup: async () => remove() };
});

storeContract("the S3", async () => {
  const s3 = await startTestS3();
  const { dir, remove } = scratchDir("logscope-s3-store-");
  const store = new S3Store(
    { kind: "s3", bucket: s3.bucket, prefix: "team-a", endpoint: s3.endpoint, region: "us-east-1" },
    { dataDir: join(dir, "data"), modelsDir: join(dir, "models") },
  );
  return {
    store,
    scratch: dir,
    cleanup: async () => {
      await s3.stop();
      remove();
    },
  };
});
