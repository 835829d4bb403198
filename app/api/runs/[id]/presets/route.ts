// GET /api/runs/:id/presets: the run's saved threshold sets. POST (JSON { name, ...thresholds }): save one.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { parseThresholdFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { listRunPresets, parsePresetName, saveRunPreset } from "@/lib/server/runs/run-presets";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET", "POST");

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("list presets", async () => jsonResponse({ presets: await listRunPresets(requireId((await params).id)) }));
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("save preset", async () => {
    const id = requireId((await params).id);
    const fields = await readJsonBody(request);
    const name = parsePresetName(fields.name);
    const preset = await saveRunPreset(id, name, parseThresholdFields(fields));
    return jsonResponse({ preset }, 201);
  });
}
