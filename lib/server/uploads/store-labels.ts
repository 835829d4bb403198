import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { readLabelsFile, type WindowLabelSource } from "@/lib/pipeline/read-labels";
import { labelsDir, maxUploadBytes } from "@/lib/jobs/job-config";
import { webLabelsMessage } from "@/lib/jobs/job-messages";
import { runLabelsDir, runLabelsPrefix } from "@/lib/jobs/run-files";
import { openStorage } from "@/lib/storage/open-storage";
import { ServiceError } from "@/lib/server/http/service-error";
import { chunksOf, type UploadSource } from "./upload-chunks";
import { formatBytes } from "@/lib/domain/format-quantities";
import { checkFileName } from "@/lib/server/http/check-file-name";
import { diskFullError, openNewFile, type OpenUploadFile } from "./upload-file";
import { UploadRefusedError } from "./upload-refused";

/**
 * Labels files (ground truth) sent with a run or attached to one later. A file is streamed to
 * `DATA_DIR/labels/.incoming/<random>/<its name>`, so readLabelsFile's sentences name it as the
 * analyst does; a run's file is then stored under `labels/run-<id>/<its name>` (lib/storage), where
 * its worker reads it.
 */

export interface ReceivedLabels {
  /** The file; its folder holds nothing else. */
  path: string;
  originalName: string;
  size: number;
}

/** A refusal about the labels field (forms show it beside that field). */
const refused = (status: number, message: string) => new ServiceError(status, message, { labels: message });

export interface ReceiveLabelsOptions {
  /** The name the analyst gave the file; checked by checkFileName, default "labels.txt". */
  originalName?: string | null;
  maxBytes?: number;
  /** Default openNewFile; tests pass one whose writes fail as on a full disk. */
  openFile?: OpenUploadFile;
}

/** The file's name, refused under the labels field when no file can have it. */
function labelsFileName(raw: string | null | undefined): string {
  try {
    return checkFileName(raw, "labels.txt");
  } catch (error) {
    if (error instanceof UploadRefusedError) throw refused(error.status, error.message);
    throw error;
  }
}

/**
 * Streams a labels file to a temporary folder; refuses an unusable name, an empty or oversized file
 * and a full disk (nothing left behind).
 */
export async function receiveLabelsFile(source: UploadSource, options: ReceiveLabelsOptions = {}): Promise<ReceivedLabels> {
  const originalName = labelsFileName(options.originalName);
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const dir = join(labelsDir(), ".incoming", `${Date.now()}-${randomBytes(6).toString("hex")}`);
  const path = join(dir, originalName);
  let size = 0;
  try {
    await mkdir(dir, { recursive: true });
    const file = await (options.openFile ?? openNewFile)(path);
    try {
      for await (const chunk of chunksOf(source)) {
        size += chunk.length;
        if (size > maxBytes) {
          throw refused(413, `The labels file ${originalName} is larger than the upload limit of ${formatBytes(maxBytes)}.`);
        }
        await file.write(chunk);
      }
    } catch (error) {
      // The write's own error is the one to report, even if closing fails too.
      await file.close().catch(() => undefined);
      throw error;
    }
    await file.close();
    if (size === 0) throw refused(400, `The labels file ${originalName} is empty: send window starts or one label per log line.`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw diskFullError(error);
  }
  return { path, originalName, size };
}

/** Deletes a received labels file and its folder. */
export async function discardLabels(received: ReceivedLabels): Promise<void> {
  await rm(join(received.path, ".."), { recursive: true, force: true });
}

/**
 * Reads a received labels file (format, times, per-line marks). A file that is not labels is a
 * 400 with readLabelsFile's sentence, under the field `labels`.
 */
export async function readReceivedLabels(received: ReceivedLabels): Promise<WindowLabelSource> {
  try {
    return await readLabelsFile(received.path);
  } catch (error) {
    if (!isUserInputError(error)) throw error;
    const message = webLabelsMessage(error.message.split(received.path).join(received.originalName));
    throw refused(400, message);
  }
}

/**
 * Stores a received labels file as its run's (replacing an earlier one): its folder is moved to
 * `labels/run-<id>/` on the directory layout, or the file is sent to the bucket.
 */
export async function keepLabelsForRun(received: ReceivedLabels, runId: number): Promise<void> {
  const store = openStorage();
  await store.deletePrefix(runLabelsPrefix(runId));
  if (store.kind === "dir") {
    await rename(join(received.path, ".."), runLabelsDir(runId));
    return;
  }
  try {
    await store.put(`${runLabelsPrefix(runId)}${received.originalName}`, received.path, { move: true });
  } finally {
    await discardLabels(received);
  }
}

