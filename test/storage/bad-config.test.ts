import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadConfig } from "@/lib/config/env";
import { checkStorage } from "@/lib/storage/open-storage";
import { S3Store } from "@/lib/storage/s3-store";
import { startTestS3, type TestS3 } from "./s3-test-server";
import { scratchDir } from "./store-contract";

const scratch = scratchDir("logscope-bad-storage-");
const local = { dataDir: join(scratch.dir, "data"), modelsDir: join(scratch.dir, "models") };
let s3: TestS3;

before(async () => {
  s3 = await startTestS3();
});
after(async () => {
  await s3.stop();
  scratch.remove();
});

const bucketStore = (bucket: string, endpoint = s3.endpoint) => new S3Store({ kind: "s3", bucket, prefix: "", endpoint, region: "us-east-1" }, local);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === "object");
  return address.port;
}

/** Runs `body` with the given AWS_* variables, restoring them after. */
async function withAwsEnv<T>(env: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(env);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

test("a bucket that does not exist is named with its endpoint and what to fix, in one sentence", async () => {
  assert.equal(
    await bucketStore("logscope-missing").check(),
    `The S3 bucket logscope-missing at ${s3.endpoint} does not exist; create it or fix LOGSCOPE_STORAGE.`,
  );
});

test("an endpoint nothing answers on is named with the reason, in one sentence", async () => {
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  assert.equal(
    await bucketStore(s3.bucket, endpoint).check(),
    `The S3 endpoint ${endpoint} cannot be reached (connection refused); start the S3 server or fix LOGSCOPE_S3_ENDPOINT.`,
  );
});

test("credentials the server refuses are named as such, in one sentence", async () => {
  const sentence = await withAwsEnv({ AWS_ACCESS_KEY_ID: "NOBODY", AWS_SECRET_ACCESS_KEY: "nothing" }, () => bucketStore(s3.bucket).check());
  assert.equal(
    sentence,
    `The S3 bucket ${s3.bucket} at ${s3.endpoint} refused these credentials (HTTP 403); ` +
      "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may list, read, write and delete in it.",
  );
});

test("no credentials at all is named as such, in one sentence", async () => {
  const none = {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_PROFILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: join(scratch.dir, "no-credentials"),
    AWS_CONFIG_FILE: join(scratch.dir, "no-config"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  };
  assert.equal(
    await withAwsEnv(none, () => bucketStore(s3.bucket).check()),
    `No AWS credentials were found for the S3 bucket ${s3.bucket}; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE).`,
  );
});

test("a good bucket passes the check, which leaves nothing in it", async () => {
  const store = bucketStore(s3.bucket);
  assert.equal(await store.check(), null);
  assert.deepEqual(await store.list("uploads/"), []);
});

test("checked by a worker, a DATA_DIR that does not exist is refused rather than created", async () => {
  const missing = join(scratch.dir, "not-mounted", "data");
  const settings = loadConfig({ DATA_DIR: missing, MODELS_DIR: join(scratch.dir, "models") });
  assert.equal(
    await checkStorage({ createFolders: false }, settings),
    `Cannot write Logscope's data to ${missing}: the directory ${missing} does not exist; create it or choose another DATA_DIR.`,
  );
  // The server creates it, as npm start always has.
  assert.equal(await checkStorage({ createFolders: true }, settings), null);
});

test("a MODELS_DIR that is a file is refused in one sentence naming it, on either layout", async () => {
  mkdirSync(join(scratch.dir, "data2"), { recursive: true });
  const file = join(scratch.dir, "models-file");
  writeFileSync(file, "");
  const expected = `Cannot write the models to ${file}: ${file} is a file, not a directory; choose another MODELS_DIR.`;
  const dir = loadConfig({ DATA_DIR: join(scratch.dir, "data2"), MODELS_DIR: file });
  assert.equal(await checkStorage({ createFolders: true }, dir), expected);
  const bucket = loadConfig({ DATA_DIR: join(scratch.dir, "data2"), MODELS_DIR: file, LOGSCOPE_STORAGE: `s3://${s3.bucket}`, LOGSCOPE_S3_ENDPOINT: s3.endpoint });
  assert.equal(await checkStorage({ createFolders: true }, bucket), expected);
});
