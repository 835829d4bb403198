// Scanners and interners compare, copy and hash long keys a 4-byte word at a time; a DataView
// reads a word at any offset, which an Int32Array over the same buffer (aligned only) cannot.

/** A view for reading 4 bytes at a time at any offset. */
export function createView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Whether the `length` (at least 4) bytes at `atA` in `a` and at `atB` in `b` are equal, compared a
 * 4-byte word at a time, the last word overlapping the one before when `length` is not a multiple
 * of 4: the interner's keys (byte-interner.ts) and the token counter's long tokens (token-counter.ts).
 */
export function viewsEqual(a: DataView, atA: number, b: DataView, atB: number, length: number): boolean {
  const last = length - 4;
  for (let k = 0; k < last; k += 4) if (a.getInt32(atA + k, true) !== b.getInt32(atB + k, true)) return false;
  return a.getInt32(atA + last, true) === b.getInt32(atB + last, true);
}
