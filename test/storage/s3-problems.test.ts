import assert from "node:assert/strict";
import { test } from "node:test";
import { s3ProblemSentence } from "@/lib/storage/s3-problems";

const local = { bucket: "logscope", endpoint: "http://minio.internal:9000", region: "us-east-1" };
const aws = { bucket: "logscope", endpoint: undefined, region: "eu-west-1" };
const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });

test("a host name that does not resolve names the endpoint and the variable to fix", () => {
  assert.equal(
    s3ProblemSentence(Object.assign(new Error("getaddrinfo ENOTFOUND minio.internal"), { code: "ENOTFOUND" }), local),
    "The S3 endpoint http://minio.internal:9000 cannot be reached (no such host); start the S3 server or fix LOGSCOPE_S3_ENDPOINT.",
  );
});

test("without an endpoint an unreachable S3 is AWS's, named by its region", () => {
  assert.equal(
    s3ProblemSentence(sdkError("TimeoutError"), aws),
    "AWS S3 in region eu-west-1 cannot be reached (the connection timed out); check this machine's network or set LOGSCOPE_S3_ENDPOINT.",
  );
});

test("a bucket in another region, an AccessDenied with a body and an unknown error each get their sentence", () => {
  assert.equal(
    s3ProblemSentence(sdkError("PermanentRedirect", 301), aws),
    "The S3 bucket logscope is in another region than eu-west-1; set LOGSCOPE_S3_REGION to its region.",
  );
  assert.match(s3ProblemSentence(sdkError("AccessDenied", 403), aws), /^The S3 bucket logscope in AWS region eu-west-1 refused these credentials \(AccessDenied\); /);
  assert.equal(
    s3ProblemSentence(sdkError("InternalError", 500), local),
    "The S3 bucket logscope at http://minio.internal:9000 answered with an error (InternalError happened); check LOGSCOPE_STORAGE and LOGSCOPE_S3_ENDPOINT.",
  );
});
