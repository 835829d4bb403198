import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A folder no file can be created in, and the end of the sentence that refuses it, as a regular expression's source. */
export interface UnwritableFolder {
  folder: string;
  /** ": you may not write in the directory ...; ... choose another --out." for `option` --out. */
  reason: (option: string) => string;
}

/**
 * chmod 0o555 stops everyone but root, whom permissions do not stop. A probe write tells which
 * applies: when it succeeds (the tests run as root), a path under a regular file stands in, which
 * no one can create a file in, so a refusal test never passes because nothing needed refusing.
 */
export async function unwritableFolder(root: string): Promise<UnwritableFolder> {
  const folder = join(root, "read-only");
  await mkdir(folder);
  await chmod(folder, 0o555);
  const probe = join(folder, "probe");
  const writable = await writeFile(probe, "").then(
    () => true,
    () => false,
  );
  if (!writable) {
    return { folder, reason: (option) => `: you may not write in the directory ${escape(folder)}; make it writable or choose another ${option}\\.$` };
  }
  await rm(probe);
  const file = join(root, "a-file");
  await writeFile(file, "not a folder\n");
  return { folder: join(file, "sub"), reason: (option) => `: ${escape(file)} is a file, not a directory; choose another ${option}\\.$` };
}
