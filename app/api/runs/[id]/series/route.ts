// GET /api/runs/:id/series?features=0,3[&v=]                 the Run page's per-window data, binary (lib/ui/series-binary.ts)
// GET /api/runs/:id/series?part=feature&feature=3[&v=]       one more feature column
// GET /api/runs/:id/series?part=dbscan&eps=&minSamples=[&v=] DBSCAN labels under other settings (refit on the server)
// GET /api/runs/:id/series?part=distance[&v=]                 stored distances to the nearest DBSCAN core point (evaluation)
// With v equal to the run's current version the answer never changes, and the browser may keep it.
import { loadRunSeries, seriesVersionOf } from "@/lib/server/runs/load-run-series";
import { handleRoute } from "@/lib/server/http/http-response";
import { invalidInput, parseThresholdFields, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { getCachedRunScores, getFinishedRun, relabelRun } from "@/lib/server/runs/relabel-run";
import { featureNamesFor } from "@/lib/logs/types";
import { encodeDbscanPart, encodeDistancePart, encodeFeaturePart, encodeSeriesCore } from "@/lib/ui/series-binary";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Feature indices into the run's own columns: 0-7 for a seed run, 0-11 for an extended one. */
function readFeatures(text: string | undefined, count: number): number[] {
  const list = (text ?? "0").split(",").filter((t) => t.trim() !== "");
  const features = list.map(Number);
  if (features.some((f) => !Number.isInteger(f) || f < 0 || f >= count)) {
    throw invalidInput({ features: `features must be feature indices from 0 to ${count - 1} (this run has ${count} features), separated by commas` });
  }
  return features;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute("run series", async () => {
    const id = requireId((await params).id);
    const fields = queryFields(request.url);
    const run = await getFinishedRun(id);
    const featureCount = featureNamesFor(run.params.features).length;
    const cache = fields.v === seriesVersionOf(run) ? "private, max-age=31536000, immutable" : "no-store";
    let body: Uint8Array<ArrayBuffer>;
    if (fields.part === "dbscan") {
      const thresholds = parseThresholdFields({ eps: fields.eps, minSamples: fields.minSamples });
      const labels = await relabelRun(id, thresholds);
      body = encodeDbscanPart(labels.relabelling.labels.dbscan, { eps: labels.settings.eps, minSamples: labels.settings.minSamples });
    } else if (fields.part === "distance") {
      const scores = await getCachedRunScores(run);
      body = encodeDistancePart(scores.dbscan?.distances ?? new Float64Array(0));
    } else if (fields.part === "feature") {
      const [feature = 0] = readFeatures(fields.feature, featureCount);
      body = encodeFeaturePart(await loadRunSeries(run), feature);
    } else {
      body = encodeSeriesCore(await loadRunSeries(run), readFeatures(fields.features, featureCount));
    }
    return new Response(body, { headers: { "content-type": "application/octet-stream", "cache-control": cache } });
  });
}
