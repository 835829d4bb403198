import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { maxUploadBytes } from "./job-config";
import { ServiceError } from "./service-error";
import { discardUpload, receiveUpload, type ReceivedUpload } from "./store-upload";
import { formatBytes, UploadRefusedError } from "./upload-refused";

export interface MultipartUpload {
  /** Text fields by name (the last value wins). */
  fields: Record<string, string>;
  /** The file of `fileField`, received and checked but not stored yet; null when none was sent. */
  upload: ReceivedUpload | null;
}

export interface ReceiveMultipartOptions {
  /** Default "file". */
  fileField?: string;
  maxBytes?: number;
}

// Room for the multipart boundaries, part headers and the parameter fields around the file.
const FORM_OVERHEAD_BYTES = 1 << 20;

/**
 * Parses a multipart/form-data request as it streams in (busboy): text fields are collected, the
 * file is streamed to a checked temporary upload (store-upload.ts). Next's request.formData()
 * would hold the whole file in memory. The caller commits or discards `upload`; on failure
 * nothing is left behind.
 */
export async function receiveMultipart(request: Request, options: ReceiveMultipartOptions = {}): Promise<MultipartUpload> {
  const fileField = options.fileField ?? "file";
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) {
    throw new ServiceError(400, `Send the log as multipart/form-data, in a field named "${fileField}".`);
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES) {
    throw new UploadRefusedError(413, `The upload is larger than the limit of ${formatBytes(maxBytes)}: upload a smaller log or split it.`);
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      fileHwm: 1 << 20,
      limits: { files: 1, fields: 100, fieldSize: 10_000, fileSize: maxBytes + 1 },
    });
  } catch {
    throw new ServiceError(400, "The request's multipart form data could not be read (missing boundary).");
  }
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);

  return new Promise<MultipartUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let receiving: Promise<ReceivedUpload> | null = null;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      parser.destroy();
      // A file already received in full is deleted too.
      void receiving?.then(discardUpload, () => undefined);
      reject(error);
    };

    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== fileField || receiving) {
        stream.resume();
        return;
      }
      receiving = receiveUpload(stream, { originalName: info.filename, maxBytes });
      receiving.catch(fail);
    });
    parser.on("error", () =>
      fail(new ServiceError(400, "The upload was interrupted or its multipart form data is not valid; try again.")),
    );
    parser.on("close", () => {
      if (settled) return;
      const done = receiving ?? Promise.resolve(null);
      done.then(
        (upload) => {
          if (settled) {
            if (upload) void discardUpload(upload);
            return;
          }
          settled = true;
          resolve({ fields, upload });
        },
        fail,
      );
    });
    source.on("error", () => fail(new ServiceError(400, "The upload was interrupted before it was complete; try again.")));
    source.pipe(parser);
  });
}
