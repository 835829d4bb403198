import "server-only";
import { UserInputError } from "@/lib/domain/user-input-error";

/**
 * An upload refused before anything was stored: 400 (empty, or a name no file can have), 413 (too
 * large), 415 (not a text log) or 507 (over the storage quota, storage-quota.ts). A UserInputError, so its message reaches the analyst as it is.
 */
export class UploadRefusedError extends UserInputError {
  readonly status: 400 | 413 | 415 | 507;

  constructor(status: 400 | 413 | 415 | 507, message: string) {
    super(message);
    this.name = "UploadRefusedError";
    this.status = status;
  }
}
