import "server-only";
import { isStoredUploadKey } from "@/lib/db/database-location";
import { formatBytes } from "@/lib/domain/format-quantities";
import { storageQuotaBytes } from "@/lib/jobs/job-config";
import { openStorage } from "@/lib/storage/open-storage";
import { UploadRefusedError } from "./upload-refused";

/**
 * The storage quota (LOGSCOPE_STORAGE_QUOTA_BYTES): the stored uploads together may not grow past
 * it. Measured on what the store holds (DATA_DIR/uploads, or the bucket's uploads/), not summed
 * from the LogFile rows, because a row outlives its file (deleting a log's last run removes the
 * file and keeps the row, which a later upload of the same content reuses), so the rows would
 * count logs that no longer take space. Cached copies (lib/storage/local-copy.ts) do not count.
 */

/** Bytes taken by the stored uploads. A file removed while it is being measured counts as 0. */
export async function storedUploadBytes(): Promise<number> {
  const objects = await openStorage().list("uploads/");
  // Only stored uploads (isStoredUploadKey): `.incoming/` holds uploads in flight.
  return objects.filter((object) => isStoredUploadKey(object.key)).reduce((sum, object) => sum + object.size, 0);
}

export interface StorageRoom {
  quota: number;
  used: number;
  /** quota - used, never below 0. */
  free: number;
}

/** How much of the quota is left now. */
export async function storageRoom(): Promise<StorageRoom> {
  const quota = storageQuotaBytes();
  const used = await storedUploadBytes();
  return { quota, used, free: Math.max(0, quota - used) };
}

/** The 507 for an upload of `name` that does not fit in what is left of the quota. */
export function overQuota(name: string, room: StorageRoom): UploadRefusedError {
  return new UploadRefusedError(
    507,
    `${name} does not fit in the storage quota, as stored logs take ${formatBytes(room.used)} of ${formatBytes(room.quota)}: ` +
      "delete runs you no longer need (a log is deleted with its last run) or raise LOGSCOPE_STORAGE_QUOTA_BYTES.",
  );
}

let commits: Promise<unknown> = Promise.resolve();

/**
 * Runs `commit` after every earlier one has finished. Storing an upload checks the quota and then
 * moves the file in; two uploads checked at once could each fit alone and overflow together, so
 * a server does the two steps for one upload at a time. Moving a file is quick, so the queue stays
 * short. (Two servers sharing a DATA_DIR, one with LOGSCOPE_JOB_RUNNER=off, could still each store
 * one upload past the quota at the same instant.)
 */
export function oneCommitAtATime<T>(commit: () => Promise<T>): Promise<T> {
  const next = commits.then(commit, commit);
  commits = next.catch(() => undefined);
  return next;
}
