import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Config, StorageLocation } from "@/lib/config/env";
import { dataDirCheck, findUnwritableDir, workDirChecks } from "@/lib/ops/writable-dirs";
import { checkKey, MissingObjectError, type BlobStore, type PutOptions, type StoredObject } from "./blob-store";
import { multipartUpload } from "./s3-multipart";
import { s3ProblemSentence, type S3Place } from "./s3-problems";

type S3Location = Extract<StorageLocation, { kind: "s3" }>;
type S3Sdk = typeof import("@aws-sdk/client-s3");

export interface S3StoreOptions {
  /** Files from this size on go up in parts (default 5 GiB, PutObject's limit). */
  multipartBytes?: number;
  /** Bytes per part (default 16 MiB): the memory one upload holds. */
  partBytes?: number;
}

const GIB = 1024 ** 3;

/**
 * Objects in an S3-compatible bucket under `<prefix>/<key>`. The SDK is loaded on first use, so a
 * server on the directory layout never loads it. Credentials come from the SDK's usual sources
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance role). Nothing here is a
 * local copy: readers that need a file get one from local-copy.ts.
 */
export class S3Store implements BlobStore {
  readonly kind = "s3";
  readonly location: string;
  private readonly place: S3Place;
  private loaded: Promise<{ sdk: S3Sdk; client: S3Client }> | null = null;

  constructor(
    private readonly target: S3Location,
    private readonly settings: Pick<Config, "dataDir" | "modelsDir">,
    private readonly options: S3StoreOptions = {},
  ) {
    this.location = `s3://${target.bucket}${target.prefix ? `/${target.prefix}` : ""}`;
    this.place = { bucket: target.bucket, endpoint: target.endpoint, region: target.region };
  }

  private sdk(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    this.loaded ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.target.region,
        endpoint: this.target.endpoint,
        // Self-hosted servers (MinIO, s3rver) answer on one host name, not bucket.host.
        forcePathStyle: this.target.endpoint !== undefined,
        // Checksums only where S3 demands them: the SDK's default (a CRC trailer in aws-chunked
        // bodies) is refused by many S3-compatible servers; TLS and ETags already guard the bytes.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        // A host that never answers fails the start check in seconds rather than hanging it.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
      }),
    }));
    return this.loaded;
  }

  private objectKey(key: string): string {
    checkKey(key);
    return this.target.prefix ? `${this.target.prefix}/${key}` : key;
  }

  localPath(): null {
    return null;
  }

  async put(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    const { sdk, client } = await this.sdk();
    const Key = this.objectKey(key);
    const { size } = await stat(localPath);
    if (size >= (this.options.multipartBytes ?? 5 * GIB)) {
      await multipartUpload({ sdk, client, bucket: this.target.bucket, key: Key }, localPath, size, this.options.partBytes ?? 16 * 1024 * 1024);
    } else {
      // Streamed from the file: with its length known the SDK sends it as it reads, in constant memory.
      const Body = createReadStream(localPath);
      try {
        await client.send(new sdk.PutObjectCommand({ Bucket: this.target.bucket, Key, Body, ContentLength: size }));
      } finally {
        Body.destroy();
      }
    }
    if (options.move) await rm(localPath, { force: true });
  }

  async openRead(key: string): Promise<Readable> {
    const { sdk, client } = await this.sdk();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.target.bucket, Key: this.objectKey(key) }));
      if (!(object.Body instanceof Readable)) throw new Error(`S3 gave no byte stream for ${key}`);
      return object.Body;
    } catch (error) {
      throw this.missingOr(error, key);
    }
  }

  async fetch(key: string, localPath: string): Promise<void> {
    const body = await this.openRead(key);
    await pipeline(body, createWriteStream(localPath));
  }

  async size(key: string): Promise<number | null> {
    const { sdk, client } = await this.sdk();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.target.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (this.missingOr(error, key) instanceof MissingObjectError) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const { sdk, client } = await this.sdk();
    const Prefix = this.objectKey(prefix);
    const strip = Prefix.length - prefix.length;
    const found: StoredObject[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.target.bucket, Prefix, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(strip);
        if (key && !key.split("/").slice(0, -1).some((segment) => segment.startsWith("."))) found.push({ key, size: object.Size ?? 0 });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.sdk();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.target.bucket, Key: this.objectKey(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const { sdk, client } = await this.sdk();
    const keys = (await this.list(prefix)).map((object) => ({ Key: this.objectKey(object.key) }));
    // DeleteObjects takes at most 1000 keys a request.
    for (let i = 0; i < keys.length; i += 1000) {
      const answer = await client.send(new sdk.DeleteObjectsCommand({ Bucket: this.target.bucket, Delete: { Objects: keys.slice(i, i + 1000), Quiet: true } }));
      const failed = answer.Errors?.[0];
      if (failed) throw new Error(`S3 did not delete ${failed.Key ?? "an object"}: ${failed.Code ?? ""} ${failed.Message ?? ""}`.trim());
    }
  }

  /**
   * The local folders (uploads arrive in DATA_DIR/uploads/.incoming, the worker trains into
   * MODELS_DIR, copies are cached under DATA_DIR; all scratch, so created as needed), then the
   * bucket: it exists, and these credentials may write and delete in it.
   */
  async check(): Promise<string | null> {
    const local = await findUnwritableDir([dataDirCheck(this.settings), ...workDirChecks(this.settings)]);
    if (local) return local;
    try {
      const { sdk, client } = await this.sdk();
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.target.bucket }));
      const probe = this.objectKey(`uploads/.logscope-write-check-${process.pid}`);
      await client.send(new sdk.PutObjectCommand({ Bucket: this.target.bucket, Key: probe, Body: "", ContentLength: 0 }));
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.target.bucket, Key: probe }));
      return null;
    } catch (error) {
      return s3ProblemSentence(error, this.place);
    }
  }

  /** A missing object as MissingObjectError (the code ENOENT, as a missing file has); anything else as it is. */
  private missingOr(error: unknown, key: string): unknown {
    const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } } | null;
    // A missing bucket is a 404 too, but not a missing object: it stays an error of the store.
    const missing = e?.name !== "NoSuchBucket" && (e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404);
    return missing ? new MissingObjectError(key, this.location) : error;
  }
}
