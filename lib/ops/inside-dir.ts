import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Whether `path` lies strictly inside `dir` (not `dir` itself, nowhere through `..`), by their
 * resolved names: the one rule for paths that must stay in a folder (files a stream may follow,
 * model and upload folders that may be deleted). Symbolic links are the caller's to resolve.
 */
export function isInsideDir(dir: string, path: string): boolean {
  const inside = relative(resolve(dir), resolve(path));
  return inside !== "" && inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
