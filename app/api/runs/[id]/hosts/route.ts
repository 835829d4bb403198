// GET /api/runs/:id/hosts: the busiest hosts (at most 12, the rest as "other") with their events
// and error-keyword lines per window, sparse ([window, events, errors] triples), for the run page's
// per-host lanes. Read once from the stored log with the run's format and cached per run; a run
// whose log is gone answers 200 with `missing` (one sentence) and no hosts.
import { jsonResponse } from "@/lib/server/http/http-response";
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { runHostLanes } from "@/lib/server/runs/host-lanes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute("hosts", async (id) => jsonResponse(await runHostLanes(id)));
