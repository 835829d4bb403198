/** A whole number from a route segment ("12", "0"), else null: "12abc", "-1" and "1e3" are not ids or indexes. */
export function parseId(segment: string | undefined): number | null {
  if (!segment || !/^\d{1,15}$/.test(segment)) return null;
  const n = Number(segment);
  return Number.isSafeInteger(n) ? n : null;
}
