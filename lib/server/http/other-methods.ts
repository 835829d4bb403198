import "server-only";
import { jsonResponse } from "./http-response";

/** The methods a route module implements by exporting them (Next's list, HEAD and OPTIONS aside). */
type RouteMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
const ROUTE_METHODS: readonly RouteMethod[] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/** What a route exports besides its own methods: HEAD only where there is no GET (Next answers HEAD with GET). */
type OtherMethod<A extends RouteMethod> = Exclude<RouteMethod, A> | ("GET" extends A ? never : "HEAD") | "OPTIONS";

type Handler = (request: Request) => Response;

const listed = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}` : (items[0] ?? "");

/**
 * Handlers for every method a route does not implement, for it to export beside its own
 * (`export const { PUT, PATCH, OPTIONS } = otherMethods("GET", "POST")`). Next answers a method a
 * route does not export with a 405 and an empty body; these answer with the API's JSON error shape
 * and an Allow header. OPTIONS is answered here too (204 with the same Allow), since Next's own
 * would count these handlers as allowed methods.
 */
export function otherMethods<A extends RouteMethod>(...allowed: A[]): Record<OtherMethod<A>, Handler> {
  const own: readonly string[] = allowed;
  const allow = [...ROUTE_METHODS.filter((method) => own.includes(method)), ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  const headers = { allow: allow.join(", ") };
  const refuse: Handler = (request) =>
    jsonResponse({ error: `This address does not accept ${request.method} requests; it accepts ${listed(allow)}.` }, 405, headers);
  const handlers: Record<string, Handler> = { OPTIONS: () => new Response(null, { status: 204, headers }) };
  for (const method of [...ROUTE_METHODS, "HEAD"]) if (!allow.includes(method)) handlers[method] = refuse;
  return handlers;
}
