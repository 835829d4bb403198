import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Labels } from "@/lib/detectors/types";
import type { WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "./errors";

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * Reads a labels file of anomalous window starts (the generator's `window_start,kind` CSV; any
 * further columns are ignored) into a set of Unix-second window starts.
 */
export async function readWindowLabels(path: string): Promise<Set<number>> {
  const text = await readFile(path, "utf8").catch(() => {
    throw new UserInputError(`No labels file at ${path}: check the path.`);
  });
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = lines[0]?.split(",")[0]?.trim();
  if (header !== "window_start") {
    throw new UserInputError(`${basename(path)} is not a labels file: its first line must start with "window_start".`);
  }
  const starts = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    const cell = (lines[i] as string).split(",")[0]?.trim() ?? "";
    const match = ISO_UTC.exec(cell);
    if (!match) {
      throw new UserInputError(`${basename(path)} line ${i + 1}: "${cell}" is not a time like 2025-06-14T10:31:00Z.`);
    }
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    starts.add(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) / 1000);
  }
  return starts;
}

/** Ground truth per window: 1 where the window's start is labelled anomalous. */
export function labelWindows(windows: readonly WindowFeatures[], starts: ReadonlySet<number>): Labels {
  return Uint8Array.from(windows, (w) => (starts.has(w.start) ? 1 : 0));
}
