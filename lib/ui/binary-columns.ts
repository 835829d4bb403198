/**
 * Named typed-array columns in one binary body, for the Run page's per-window data: the browser
 * reads it with `response.arrayBuffer()` and gets typed views on that buffer (no parsing, no copy),
 * where JSON or base64 text inside the HTML cost megabytes and a parse on both sides.
 *
 * Layout: "LSC1", the header's byte length (uint32 LE), the header as UTF-8 JSON
 * `{ meta, columns: [{ name, type, offset, length }] }`, then each column's bytes at an offset
 * that is a multiple of 8 from the start of the body (so every typed view is aligned).
 * Little-endian, as typed arrays are on every platform the dashboard runs on.
 */

const MAGIC = [0x4c, 0x53, 0x43, 0x31]; // "LSC1"

export type ColumnArray = Float64Array | Float32Array | Int32Array | Uint8Array;
type ColumnType = "f64" | "f32" | "i32" | "u8";

interface ColumnEntry {
  name: string;
  type: ColumnType;
  /** Bytes from the start of the body. */
  offset: number;
  /** Elements. */
  length: number;
}

export interface DecodedColumns<M> {
  meta: M;
  columns: Record<string, ColumnArray>;
}

function typeOf(array: ColumnArray): ColumnType {
  if (array instanceof Float64Array) return "f64";
  if (array instanceof Float32Array) return "f32";
  if (array instanceof Int32Array) return "i32";
  return "u8";
}

function view(type: ColumnType, buffer: ArrayBuffer, offset: number, length: number): ColumnArray {
  switch (type) {
    case "f64":
      return new Float64Array(buffer, offset, length);
    case "f32":
      return new Float32Array(buffer, offset, length);
    case "i32":
      return new Int32Array(buffer, offset, length);
    default:
      return new Uint8Array(buffer, offset, length);
  }
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function encodeColumns(meta: unknown, columns: Record<string, ColumnArray>): Uint8Array<ArrayBuffer> {
  const names = Object.keys(columns);
  // Offsets depend on the header's length, which depends on the offsets' digits: lay out with
  // a header padded to a fixed guess, and grow the guess until it fits.
  for (let reserve = 256; ; reserve *= 2) {
    let offset = align8(8 + reserve);
    const entries: ColumnEntry[] = names.map((name) => {
      const array = columns[name] as ColumnArray;
      const entry = { name, type: typeOf(array), offset, length: array.length };
      offset = align8(offset + array.byteLength);
      return entry;
    });
    const header = new TextEncoder().encode(JSON.stringify({ meta, columns: entries }));
    if (header.length > reserve) continue;
    const body = new Uint8Array(offset);
    body.set(MAGIC, 0);
    new DataView(body.buffer).setUint32(4, header.length, true);
    body.set(header, 8);
    body.fill(0x20, 8 + header.length, 8 + reserve);
    entries.forEach((entry, k) => {
      const array = columns[names[k] as string] as ColumnArray;
      body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), entry.offset);
    });
    return body;
  }
}

/** Typed views on `buffer` (not copies); throws a RangeError for anything that is not such a body. */
export function decodeColumns<M>(buffer: ArrayBuffer): DecodedColumns<M> {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new RangeError("binary columns: not an LSC1 body");
  const headerLength = new DataView(buffer).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new RangeError("binary columns: truncated header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { meta: M; columns: ColumnEntry[] };
  const columns: Record<string, ColumnArray> = {};
  for (const entry of header.columns) {
    const size = entry.type === "f64" ? 8 : entry.type === "u8" ? 1 : 4;
    if (entry.offset % 8 !== 0 || entry.offset + entry.length * size > bytes.length) throw new RangeError(`binary columns: column ${entry.name} lies outside the body`);
    columns[entry.name] = view(entry.type, buffer, entry.offset, entry.length);
  }
  return { meta: header.meta, columns };
}
