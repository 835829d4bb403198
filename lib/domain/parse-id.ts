/**
 * The one rule for what an id is, for every layer: pages (null is their 404 page), the API and the
 * actions (lib/server/http/route-params.ts requireId: a 404 sentence), a stored log named in a
 * form, the compare page's query. Imports nothing, so client code may use it too.
 */

/** What an id names: runs and stored logs are numbered from 1 (SQLite's autoincrement), a run's windows from 0. */
export type IdKind = "run" | "window" | "log";

/**
 * A whole number written in 1 to 15 digits (surrounding blanks ignored), at least 1 for a run or a
 * log and 0 for a window; else null. "12abc", "-1", "+1", "1e3", "1.0" and "" are not ids.
 */
export function parseId(raw: unknown, kind: IdKind = "run"): number | null {
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  if (!/^\d{1,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) && id >= (kind === "window" ? 0 : 1) ? id : null;
}
