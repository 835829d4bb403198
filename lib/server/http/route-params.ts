import "server-only";
import { parseId, type IdKind } from "@/lib/domain/parse-id";
import { quoteInput } from "@/lib/domain/quote-input";
import { ServiceError } from "./service-error";

/**
 * A run or window id from a URL segment or form field, for the API and the actions: parseId's
 * rule, and anything else is "no such run" (404), as an id that names nothing is.
 */
export function requireId(raw: unknown, kind: Exclude<IdKind, "log"> = "run"): number {
  const id = parseId(raw, kind);
  if (id !== null) return id;
  const shown = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  throw new ServiceError(404, `There is no ${kind} ${shown ? quoteInput(shown) : "without an id"}.`);
}
