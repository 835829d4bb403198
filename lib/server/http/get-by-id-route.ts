import "server-only";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute } from "./http-response";
import { requireId } from "./route-params";

/** What Next passes a route under `[id]`. */
export interface IdRouteContext {
  params: Promise<{ id: string }>;
}

/**
 * The GET handler of a route under `[id]`: authorized here too (a GET carrying a body skips
 * middleware.ts, whose matcher cannot see the method), the id read by `readId` (a run's by
 * default; an unknown one is a 404), errors mapped by handleRoute under `context`.
 */
export function getByIdRoute(
  context: string,
  work: (id: number, request: Request) => Promise<Response>,
  readId: (raw: string) => number = requireId,
): (request: Request, route: IdRouteContext) => Promise<Response> {
  return async (request, { params }) => {
    const denied = await authorizeRequest(request);
    if (denied) return denied;
    return handleRoute(context, async () => work(readId((await params).id), request));
  };
}
