import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { ServiceError } from "@/lib/server/http/service-error";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { useTempDatabase } from "../db/temp-database";

const tmp = useTempDatabase("logscope-store-down-");
after(tmp.cleanup);

test("an upload while the bucket's endpoint is down is a 503 in one sentence, and nothing is left behind", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === "object");
  process.env.LOGSCOPE_STORAGE = "s3://logscope-down";
  process.env.LOGSCOPE_S3_ENDPOINT = `http://127.0.0.1:${address.port}`;
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
  const error = await storeUpload([new TextEncoder().encode("Jun 14 15:16:01 combo sshd[1]: hello\n")], { originalName: "a.log" }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ServiceError, String(error));
  assert.equal(error.status, 503);
  assert.equal(error.message, "The storage is not answering, so the upload was not stored; try again in a moment.");
  const incoming = join(tmp.dir, "uploads", ".incoming");
  assert.deepEqual(existsSync(incoming) ? readdirSync(incoming) : [], []);
});
