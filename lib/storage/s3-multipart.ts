import { open } from "node:fs/promises";
import type { CompletedPart, S3Client } from "@aws-sdk/client-s3";

type S3Sdk = typeof import("@aws-sdk/client-s3");

/** S3 allows at most 10,000 parts, each (but the last) at least 5 MiB. */
const MAX_PARTS = 10_000;
const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface MultipartTarget {
  sdk: S3Sdk;
  client: S3Client;
  bucket: string;
  key: string;
}

/**
 * Sends a local file of `size` bytes as a multipart upload, one part at a time from one reused
 * buffer: memory stays at one part (`partBytes`, raised when needed to fit 10,000 parts) whatever
 * the file's size. A failed upload is aborted, so the bucket keeps no unfinished parts.
 * (@aws-sdk/lib-storage does the same with parallel parts; it is not a dependency.)
 */
export async function multipartUpload(target: MultipartTarget, localPath: string, size: number, partBytes: number): Promise<void> {
  const { sdk, client, bucket, key } = target;
  const partSize = Math.max(MIN_PART_BYTES, partBytes, Math.ceil(size / MAX_PARTS));
  const created = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error(`S3 gave no upload id for ${key}`);
  const handle = await open(localPath, "r");
  const buffer = Buffer.allocUnsafe(Math.min(partSize, Math.max(size, 1)));
  try {
    const parts: CompletedPart[] = [];
    for (let offset = 0, number = 1; offset < size; number++) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(partSize, size - offset), offset);
      if (bytesRead === 0) throw new Error(`${localPath} ended at ${offset} of ${size} bytes while it was being stored`);
      const sent = await client.send(
        new sdk.UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: number,
          Body: buffer.subarray(0, bytesRead),
          ContentLength: bytesRead,
        }),
      );
      parts.push({ PartNumber: number, ETag: sent.ETag });
      offset += bytesRead;
    }
    await client.send(
      new sdk.CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}
