import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { maxUploadBytes } from "@/lib/jobs/job-config";
import { ServiceError } from "./service-error";
import { discardLabels, receiveLabelsFile, type ReceivedLabels } from "@/lib/server/uploads/store-labels";
import { discardUpload, receiveUpload, type ReceivedUpload } from "@/lib/server/uploads/store-upload";
import { formatBytes } from "@/lib/domain/format-quantities";
import { quoteInput } from "@/lib/domain/quote-input";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";
import type { OpenUploadFile } from "@/lib/server/uploads/upload-file";

export interface MultipartUpload {
  /** Text fields by name (the last value wins). */
  fields: Record<string, string>;
  /** The file of `fileField`, received and checked but not stored yet; null when none was sent. */
  upload: ReceivedUpload | null;
  /** The file of `labelsField` (ground truth), received but not read yet; null when none was sent. */
  labels: ReceivedLabels | null;
}

export interface ReceiveMultipartOptions {
  /** The log's field, default "file"; null when the form carries no log. */
  fileField?: string | null;
  /** A labels file's field, default "labels"; null to ignore one. */
  labelsField?: string | null;
  maxBytes?: number;
  /** Where the files are written (default: new files on disk); tests pass one that fails as a full disk does. */
  openFile?: OpenUploadFile;
}

/**
 * Text fields a form may carry (a run has 15 parameters), and the longest value (a run's masks
 * may be 20,000 characters). Busboy drops what is beyond its limits without a word, which would
 * turn a parameter sent late or long into its default, so passing either refuses the request.
 */
export const MAX_FORM_FIELDS = 100;
export const MAX_FIELD_BYTES = 64 * 1024;
/** The log and a labels file. */
const MAX_FORM_FILES = 2;

// Room for the multipart boundaries, part headers and the parameter fields around the file.
const FORM_OVERHEAD_BYTES = 1 << 20;

/**
 * Parses a multipart/form-data request as it streams in (busboy): text fields are collected, the
 * file is streamed to a checked temporary upload (store-upload.ts). Next's request.formData()
 * would hold the whole file in memory. The caller commits or discards `upload`; on failure
 * nothing is left behind.
 */
export async function receiveMultipart(request: Request, options: ReceiveMultipartOptions = {}): Promise<MultipartUpload> {
  const fileField = options.fileField === undefined ? "file" : options.fileField;
  const labelsField = options.labelsField === undefined ? "labels" : options.labelsField;
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) {
    const field = fileField ?? labelsField ?? "file";
    throw new ServiceError(400, `Send the ${fileField ? "log" : "file"} as multipart/form-data, in a field named "${field}".`);
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
      limits: { files: MAX_FORM_FILES, fields: MAX_FORM_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: maxBytes + 1 },
    });
  } catch {
    throw new ServiceError(400, "The request's multipart form data could not be read (missing boundary).");
  }
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);

  return new Promise<MultipartUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let receiving: Promise<ReceivedUpload> | null = null;
    let receivingLabels: Promise<ReceivedLabels> | null = null;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      parser.destroy();
      // Files already received in full are deleted too.
      void receiving?.then(discardUpload, () => undefined);
      void receivingLabels?.then(discardLabels, () => undefined);
      // Everything that fails here is an Error already; anything else becomes one, so callers can classify it.
      reject(error instanceof Error ? error : new Error("The upload could not be read."));
    };

    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(new ServiceError(400, `The form field ${quoteInput(name)} is longer than ${formatBytes(MAX_FIELD_BYTES)}: send a shorter value.`));
      }
      fields[name] = value;
    });
    parser.on("fieldsLimit", () =>
      fail(new ServiceError(400, `The form has more than ${MAX_FORM_FIELDS} text fields: send only the fields the request needs.`)),
    );
    parser.on("filesLimit", () =>
      fail(new ServiceError(400, `The form has more than ${MAX_FORM_FILES} files: send the log in "file" and ground truth in "labels" only.`)),
    );
    parser.on("file", (name, stream, info) => {
      // A part refused before it is read (its name) is destroyed with the parser, and its stream
      // then errors: that error is the parser's, already reported through fail.
      stream.on("error", () => undefined);
      if (fileField !== null && name === fileField && !receiving) {
        receiving = receiveUpload(stream, { originalName: info.filename, maxBytes, openFile: options.openFile });
        receiving.catch(fail);
      } else if (labelsField !== null && name === labelsField && !receivingLabels) {
        receivingLabels = receiveLabelsFile(stream, { originalName: info.filename, maxBytes, openFile: options.openFile });
        receivingLabels.catch(fail);
      } else {
        stream.resume();
      }
    });
    parser.on("error", () =>
      fail(new ServiceError(400, "The upload was interrupted or its multipart form data is not valid; try again.")),
    );
    parser.on("close", () => {
      if (settled) return;
      Promise.all([receiving ?? Promise.resolve(null), receivingLabels ?? Promise.resolve(null)]).then(
        ([upload, labels]) => {
          if (settled) {
            if (upload) void discardUpload(upload);
            if (labels) void discardLabels(labels);
            return;
          }
          settled = true;
          resolve({ fields, upload, labels });
        },
        fail,
      );
    });
    source.on("error", () => fail(new ServiceError(400, "The upload was interrupted before it was complete; try again.")));
    source.pipe(parser);
  });
}
