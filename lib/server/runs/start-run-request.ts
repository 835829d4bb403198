import "server-only";
import { parseId } from "@/lib/domain/parse-id";
import { getLogFile } from "@/lib/db/get-log-file";
import { localCopyIfStored } from "@/lib/storage/local-copy";
import type { RunRecord } from "@/lib/db/types";
import { formatOptionsOf } from "@/lib/pipeline/format-params";
import { typeMessage } from "@/lib/pipeline/params";
import type { WindowLabelSource } from "@/lib/pipeline/read-labels";
import { checkFieldsFitLog } from "@/lib/server/uploads/check-fields-fit";
import { checkLabelsFitLog, type LabelsFitInput } from "@/lib/server/uploads/check-labels-fit";
import { invalidInput, parseDetectFields } from "@/lib/server/http/request-input";
import { queueRun } from "./run-commands";
import { ServiceError } from "@/lib/server/http/service-error";
import { discardLabels, readReceivedLabels, type ReceivedLabels } from "@/lib/server/uploads/store-labels";
import { commitUpload, discardUpload, type ReceivedUpload } from "@/lib/server/uploads/store-upload";

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** The stored log a request names: `logFileId`, or `uploadId` (the same id, from POST /api/uploads). */
export function storedLogId(fields: Record<string, unknown>): number | null {
  const field = (["logFileId", "uploadId"] as const).find((name) => !isBlank(fields[name]));
  if (field === undefined) return null;
  const raw = fields[field];
  const id = parseId(raw, "log");
  if (id === null) throw invalidInput({ [field]: typeMessage(`the stored log id (${field}) must be a whole number such as 12`)({ input: raw }) });
  return id;
}

/** Files that came with a start request: the log (unless a stored one is named) and ground truth. */
export interface StartRunFiles {
  upload?: ReceivedUpload | null;
  labels?: ReceivedLabels | null;
}

/** The stored log a run would read, for the labels check; null when it is unknown (queueRun says so). */
async function storedLogForCheck(logFileId: number): Promise<LabelsFitInput["log"] | null> {
  const logFile = await getLogFile(logFileId);
  if (!logFile) return null;
  const path = await localCopyIfStored(logFile.storedPath);
  return path === null ? null : { path, name: logFile.originalName, lines: logFile.lines };
}

/**
 * Starts a run the way the action and POST /api/runs both do: validate the parameters and read the
 * labels file (invalid ones refuse the request, and the files that came with it are discarded, so
 * nothing is stored and no job exists), check that the labels can fit the log (line count, time
 * span: see check-labels-fit.ts), store the upload or take the stored log named by id, then queue
 * the run with its labels file.
 */
export async function startRunFromFields(fields: Record<string, unknown>, files: StartRunFiles = {}): Promise<RunRecord> {
  const upload = files.upload ?? null;
  const labels = files.labels ?? null;
  let logFileId: number | null;
  let params;
  let labelsSource: WindowLabelSource | null = null;
  try {
    params = parseDetectFields(fields);
    logFileId = upload ? null : storedLogId(fields);
    const logPath = upload ? upload.tempPath : logFileId === null ? null : (await storedLogForCheck(logFileId))?.path ?? null;
    if (logPath !== null) await checkFieldsFitLog(logPath, formatOptionsOf(params));
    if (labels) labelsSource = await readReceivedLabels(labels);
    if (labels && labelsSource) {
      const log = upload
        ? { path: upload.tempPath, name: upload.originalName, lines: upload.lines }
        : logFileId === null ? null : await storedLogForCheck(logFileId);
      // Without a year the check infers the log's own, as the worker will.
      const fit = { labels: labelsSource, labelsName: labels.originalName, year: params.year, format: formatOptionsOf(params), window: params.window };
      if (log) await checkLabelsFitLog({ ...fit, log });
    }
  } catch (error) {
    if (upload) await discardUpload(upload);
    if (labels) await discardLabels(labels);
    throw error;
  }
  try {
    if (upload) logFileId = (await commitUpload(upload)).logFile.id;
    if (logFileId === null) {
      const message = "Choose a log file to upload, or a stored log to run again.";
      throw new ServiceError(400, message, { logFileId: message });
    }
  } catch (error) {
    if (labels) await discardLabels(labels);
    throw error;
  }
  return queueRun({ logFileId, params, labels: labelsSource === null ? null : labels });
}
