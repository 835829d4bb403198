import "server-only";
import { UserInputError } from "@/lib/domain/user-input-error";

/**
 * An upload refused before anything was stored: 400 (empty), 413 (too large) or 415 (not a text
 * syslog). A UserInputError, so its message reaches the analyst as it is.
 */
export class UploadRefusedError extends UserInputError {
  readonly status: 400 | 413 | 415;

  constructor(status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = "UploadRefusedError";
    this.status = status;
  }
}

/** The name to show for an upload: the last path part, printable, at most 200 characters; never a path. */
export function cleanUploadName(name: string | null | undefined): string {
  const last = (name ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const printable = last.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return printable || "upload.log";
}
