import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { readLabelsFile, type WindowLabelSource } from "@/lib/pipeline/read-labels";
import { labelsDir, maxUploadBytes } from "@/lib/jobs/job-config";
import { webLabelsMessage } from "@/lib/jobs/job-messages";
import { runLabelsDir } from "@/lib/jobs/run-files";
import { ServiceError } from "@/lib/server/http/service-error";
import { chunksOf, type UploadSource } from "./upload-chunks";
import { formatBytes } from "@/lib/domain/format-quantities";
import { cleanUploadName } from "./upload-refused";

/**
 * Labels files (ground truth) sent with a run or attached to one later. A file is streamed to
 * `DATA_DIR/labels/.incoming/<random>/<its name>`, so readLabelsFile's sentences name it as the
 * analyst does; a run's file then moves to `labels/run-<id>/<its name>`, where its worker reads it.
 */

export interface ReceivedLabels {
  /** The file; its folder holds nothing else. */
  path: string;
  originalName: string;
  size: number;
}

/** A refusal about the labels field (forms show it beside that field). */
const refused = (status: number, message: string) => new ServiceError(status, message, { labels: message });

/** Streams a labels file to a temporary folder; refuses empty or oversized files (nothing left behind). */
export async function receiveLabelsFile(source: UploadSource, options: { originalName?: string | null; maxBytes?: number } = {}): Promise<ReceivedLabels> {
  const originalName = cleanUploadName(options.originalName ?? "labels.txt");
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const dir = join(labelsDir(), ".incoming", `${Date.now()}-${randomBytes(6).toString("hex")}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, originalName);
  let size = 0;
  try {
    const file = await open(path, "wx");
    try {
      for await (const chunk of chunksOf(source)) {
        size += chunk.length;
        if (size > maxBytes) {
          throw refused(413, `The labels file ${originalName} is larger than the upload limit of ${formatBytes(maxBytes)}.`);
        }
        await file.write(chunk);
      }
    } finally {
      await file.close();
    }
    if (size === 0) throw refused(400, `The labels file ${originalName} is empty: send window starts or one label per log line.`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
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

/** Moves a received labels file to its run's folder (replacing an earlier one). */
export async function keepLabelsForRun(received: ReceivedLabels, runId: number): Promise<string> {
  const dir = runLabelsDir(runId);
  await rm(dir, { recursive: true, force: true });
  await rename(join(received.path, ".."), dir);
  return join(dir, received.originalName);
}

