import type { RunRecord } from "@/lib/db/types";
import { invalidInput, parseDetectFields } from "./request-input";
import { queueRun } from "./run-commands";
import { ServiceError } from "./service-error";
import { commitUpload, discardUpload, type ReceivedUpload } from "./store-upload";

/** The stored log a request names: `logFileId`, or `uploadId` (the same id, from POST /api/uploads). */
function storedLogId(fields: Record<string, unknown>): number | null {
  const raw = [fields.logFileId, fields.uploadId].find((v) => v !== undefined && v !== null && String(v).trim() !== "");
  if (raw === undefined) return null;
  const text = String(raw).trim();
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw invalidInput({ logFileId: "The stored log id must be a whole number such as 12." });
  return Number(text);
}

/**
 * Starts a run the way the action and POST /api/runs both do: validate the parameters (an upload
 * that came with invalid ones is discarded, so nothing is stored), store the upload or take the
 * stored log named by id, then queue the run.
 */
export async function startRunFromFields(fields: Record<string, unknown>, upload: ReceivedUpload | null = null): Promise<RunRecord> {
  let logFileId: number | null;
  let params;
  try {
    params = parseDetectFields(fields);
    logFileId = upload ? null : storedLogId(fields);
  } catch (error) {
    if (upload) await discardUpload(upload);
    throw error;
  }
  if (upload) logFileId = (await commitUpload(upload)).logFile.id;
  if (logFileId === null) {
    const message = "Choose a log file to upload, or a stored log to run again.";
    throw new ServiceError(400, message, { logFileId: message });
  }
  return queueRun({ logFileId, params });
}
