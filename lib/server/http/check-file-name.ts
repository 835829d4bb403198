import "server-only";
import { quoteInput } from "@/lib/domain/quote-input";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";

/** The longest name a file may have on the usual file systems (ext4, XFS, btrfs: 255 bytes). */
export const MAX_FILE_NAME_BYTES = 255;
/** Names are shown (and stored) cut to this many characters. */
const SHOWN_CHARACTERS = 200;

/**
 * The one rule for a file name a client sends (a multipart part's filename, PUT labels' `?name=`),
 * for the log and the labels file alike: its last path part (some browsers send a whole path),
 * without control characters and surrounding blanks, or `fallback` when nothing is left. A labels
 * file is stored under its own name, so a name no file can have is refused (400) before anything
 * is written: over 255 bytes in UTF-8 (which was ENAMETOOLONG, a 500) or `.` / `..` (a folder).
 */
export function checkFileName(raw: string | null | undefined, fallback: string): string {
  const last = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const name = last.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (name === "") return fallback;
  if (name === "." || name === "..") {
    throw new UploadRefusedError(400, `${quoteInput(name)} is not a file name: give the file a name and send it again.`);
  }
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_FILE_NAME_BYTES) {
    throw new UploadRefusedError(
      400,
      `The file name ${quoteInput(name)} is ${bytes} bytes long in UTF-8, more than the ${MAX_FILE_NAME_BYTES} a file name may have: rename the file and send it again.`,
    );
  }
  // By code points, so that a character outside the BMP is never cut in half.
  return Array.from(name).slice(0, SHOWN_CHARACTERS).join("");
}
