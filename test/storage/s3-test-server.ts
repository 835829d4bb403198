import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

/** s3rver's only account; it checks the key id, not (for SigV4) the secret. */
export const S3RVER_KEY = "S3RVER";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  stop: () => Promise<void>;
}

/**
 * A local S3-compatible server (s3rver) on a free loopback port, with one bucket, its objects in a
 * temporary folder; the SDK's credential variables are set to its account. `stop` closes it and
 * removes the folder.
 */
export async function startTestS3(bucket = "logscope-test"): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "logscope-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  process.env.AWS_ACCESS_KEY_ID = S3RVER_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_KEY;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The variables that put this process's store in `s3`'s bucket under `prefix`. */
export function useS3Storage(s3: TestS3, prefix = "team-a"): void {
  process.env.LOGSCOPE_STORAGE = `s3://${s3.bucket}/${prefix}`;
  process.env.LOGSCOPE_S3_ENDPOINT = s3.endpoint;
  process.env.LOGSCOPE_S3_REGION = "us-east-1";
}
