// Scanners and interners compare, copy and hash long keys a 4-byte word at a time; a DataView
// reads a word at any offset, which an Int32Array over the same buffer (aligned only) cannot.

/** A view for reading 4 bytes at a time at any offset. */
export function createView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
