/**
 * The JSON text of `{ ...head, ...arrays }`, each array written as a JSON array, in pieces of at
 * most `perPiece` numbers: the text JSON.stringify gives for that object with plain arrays,
 * without holding the whole text, or a plain array of boxed numbers, at once. dbscan.json at 10M
 * lines is a 14-22 MB string of about 700k numbers; model-store.ts writes it this way.
 */
export function* jsonPieces(
  head: Readonly<Record<string, unknown>>,
  arrays: Readonly<Record<string, ArrayLike<number>>>,
  perPiece = 16384,
): Generator<string> {
  let opened = false;
  // The merged object's own key order is JSON.stringify's (index-like keys first, then as added).
  for (const key of Object.keys({ ...head, ...arrays })) {
    const values = Object.hasOwn(arrays, key) ? arrays[key] : undefined;
    const value = values === undefined ? JSON.stringify(head[key]) : "[";
    // JSON.stringify leaves out properties whose value has no JSON (undefined, functions).
    if (value === undefined) continue;
    yield `${opened ? "," : "{"}${JSON.stringify(key)}:${value}`;
    opened = true;
    if (values === undefined) continue;
    for (let from = 0; from < values.length; from += perPiece) {
      const to = Math.min(values.length, from + perPiece);
      let text = "";
      for (let i = from; i < to; i++) text += (i === 0 ? "" : ",") + jsonNumber(values[i] as number);
      yield text;
    }
    yield "]";
  }
  yield opened ? "}" : "{}";
}

/** What JSON.stringify writes for a number: the shortest round-trip text, null when not finite. */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "null";
}
