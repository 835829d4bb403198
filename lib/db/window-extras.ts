import { templateIdsOf, templateLineCountsOf, type TemplateLines } from "@/lib/logs/template-lines";
import { EXTENDED_FEATURE_NAMES } from "@/lib/logs/types";
import { corruptData, readJson, type StoredCell, templateCountsSchema } from "./stored-json";

/**
 * Encodings of the per-window extras of extended runs: template counts as JSON text (readable in
 * the sqlite3 shell, a few dozen bytes per window) and the autoencoder's per-feature errors as
 * Float32 little-endian bytes (52 bytes for 13 features; float32 is plenty for explaining).
 */

/** `[[id,count],...]` in id order; null when the window has none. */
export function encodeTemplateCounts(t: TemplateLines | undefined): string | null {
  if (!t || t.length === 0) return null;
  if (t.length % 2 !== 0) throw new RangeError("template ids and counts differ in length");
  const ids = templateIdsOf(t);
  const counts = templateLineCountsOf(t);
  let order: number[] | null = null;
  for (let k = 1; k < ids.length; k++) {
    if (ids[k]! < ids[k - 1]!) {
      order = Array.from({ length: ids.length }, (_, j) => j).sort((a, b) => ids[a]! - ids[b]!);
      break;
    }
  }
  // Built by hand: JSON.stringify of nested arrays costs about three times as much per window. The
  // safe-integer check below is all templateCountsSchema asks, so what is written reads back.
  let text = "[";
  for (let j = 0; j < ids.length; j++) {
    const k = order ? order[j]! : j;
    const id = ids[k]!;
    const count = counts[k]!;
    if (!Number.isSafeInteger(id) || !Number.isSafeInteger(count)) throw new RangeError("template ids and counts must be whole numbers");
    text += `${j === 0 ? "" : ","}[${id},${count}]`;
  }
  return `${text}]`;
}

/** NULL reads as null (a seed run's window); damaged text throws the `corrupt` DatabaseError naming `cell`. */
export function decodeTemplateCounts(text: string | null, cell: StoredCell): [number, number][] | null {
  return readJson(templateCountsSchema, text, cell);
}

/**
 * A row-major matrix as Float32 little-endian bytes, all rows in one buffer: row i is
 * `bytes.subarray(i * cols * 4, (i + 1) * cols * 4)`, bound as a BLOB without a copy (one
 * allocation instead of one per window). DataView, so the bytes are the same on any platform.
 */
export function encodeFloat32Rows(data: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < data.length; k++) view.setFloat32(k * 4, data[k] as number, true);
  return bytes;
}

/** Float32 little-endian bytes back to numbers; null for no bytes or a length that is not whole floats. */
export function decodeFloat32(bytes: Uint8Array | null | undefined): number[] | null {
  if (!bytes || bytes.byteLength === 0 || bytes.byteLength % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.byteLength / 4);
  for (let c = 0; c < out.length; c++) out[c] = view.getFloat32(c * 4, true);
  return out;
}

/**
 * A window's per-feature autoencoder errors: null when none were stored; bytes that are not one
 * float per feature (insert-windows writes exactly that) throw the `corrupt` DatabaseError. The
 * one exception: an extended window stored before error_level_lines (the last column) has twelve
 * floats for thirteen features; its autoencoder never saw that column, so its error there is 0.
 */
export function decodeFeatureErrors(bytes: Uint8Array | null, features: number, cell: StoredCell): number[] | null {
  if (bytes === null) return null;
  if (features === EXTENDED_FEATURE_NAMES.length && bytes.byteLength === (features - 1) * 4) return [...(decodeFloat32(bytes) ?? []), 0];
  if (bytes.byteLength !== features * 4) throw corruptData(cell);
  return decodeFloat32(bytes);
}
