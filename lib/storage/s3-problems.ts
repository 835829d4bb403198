import { networkFailureReason } from "@/lib/ops/network-failure";

/**
 * What a failed S3 request means for the operator, in one sentence naming what to fix. Used by
 * S3Store.check() at server and worker start, so a wrong bucket, endpoint or key stops the process
 * before it accepts work, and by the other calls when the store goes away later.
 */

export interface S3Place {
  bucket: string;
  endpoint: string | undefined;
  region: string;
}

interface SdkError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** The SDK's own names for a connection that failed (Node's codes are lib/ops/network-failure.ts's). */
const SDK_TIMEOUTS: Record<string, string> = {
  TimeoutError: "the connection timed out",
  RequestTimeout: "the request timed out",
};

const DENIED = new Set(["AccessDenied", "Forbidden", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"]);

const where = (place: S3Place) => (place.endpoint ? `at ${place.endpoint}` : `in AWS region ${place.region}`);

function statusOf(error: SdkError): number | undefined {
  const status = error.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

function unreachableReason(error: SdkError): string | undefined {
  const network = networkFailureReason(error);
  if (network !== undefined) return network;
  for (const value of [error.code, error.name]) if (typeof value === "string" && value in SDK_TIMEOUTS) return SDK_TIMEOUTS[value];
  return undefined;
}

/** The sentence for `error`, raised by a request to `place`'s bucket. */
export function s3ProblemSentence(error: unknown, place: S3Place): string {
  const e = (error ?? {}) as SdkError;
  const name = typeof e.name === "string" ? e.name : "";
  const status = statusOf(e);
  const reason = unreachableReason(e);
  if (reason) {
    return place.endpoint
      ? `The S3 endpoint ${place.endpoint} cannot be reached (${reason}); start the S3 server or fix LOGSCOPE_S3_ENDPOINT.`
      : `AWS S3 in region ${place.region} cannot be reached (${reason}); check this machine's network or set LOGSCOPE_S3_ENDPOINT.`;
  }
  if (name === "CredentialsProviderError") {
    return `No AWS credentials were found for the S3 bucket ${place.bucket}; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE).`;
  }
  // A HEAD request's error has no body to name it: the SDK calls it NotFound, Forbidden or Unknown.
  if (name === "NoSuchBucket" || (status === 404 && ["NotFound", "Unknown", ""].includes(name))) {
    return `The S3 bucket ${place.bucket} ${where(place)} does not exist; create it or fix LOGSCOPE_STORAGE.`;
  }
  if (DENIED.has(name) || status === 403) {
    return (
      `The S3 bucket ${place.bucket} ${where(place)} refused these credentials (${DENIED.has(name) ? name : `HTTP ${status ?? 403}`}); ` +
      "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may list, read, write and delete in it."
    );
  }
  if (name === "PermanentRedirect" || name === "AuthorizationHeaderMalformed" || status === 301) {
    return `The S3 bucket ${place.bucket} is in another region than ${place.region}; set LOGSCOPE_S3_REGION to its region.`;
  }
  const detail = typeof e.message === "string" && e.message !== "" ? e.message : name || "unknown error";
  return `The S3 bucket ${place.bucket} ${where(place)} answered with an error (${detail}); check LOGSCOPE_STORAGE and LOGSCOPE_S3_ENDPOINT.`;
}
