import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { config } from "@/lib/config/env";
import { UserInputError } from "@/lib/domain/user-input-error";
import { isInsideDir } from "@/lib/ops/inside-dir";
import { checkFollowPath } from "@/lib/pipeline/watch-follow";
import { quoteInput } from "@/lib/domain/quote-input";

/**
 * The path a file source follows, refused in one sentence unless it names a readable file under
 * LOGSCOPE_STREAM_FILES_DIR (docs/live.md: a signed-in user must not read the server's other files).
 * A relative path is read from that folder. The name is checked, then where its symbolic links lead,
 * so a link inside the folder cannot reach outside it; the name is what is followed, as `tail -F`
 * does, so a link switched to a new file on rotation is followed too. For the create-stream route
 * as well as the file source.
 */
export async function resolveStreamFile(path: string): Promise<string> {
  const dir = config().streams.filesDir;
  if (dir === undefined) {
    throw new UserInputError("File streams are off: set LOGSCOPE_STREAM_FILES_DIR to the folder whose files streams may follow.");
  }
  const outside = () => new UserInputError(`${quoteInput(path)} is not under LOGSCOPE_STREAM_FILES_DIR (${dir}): a stream may only follow files there.`);
  const wanted = resolve(dir, path);
  // Checked before the file is touched: whether a file outside exists is not the sender's business.
  if (!isInsideDir(dir, wanted)) throw outside();
  await checkFollowPath(wanted);
  const [real, realDir] = await Promise.all([realpath(wanted), realpath(dir).catch(() => dir)]);
  if (!isInsideDir(realDir, real)) throw outside();
  return wanted;
}
