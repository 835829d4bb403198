// GET /api/runs/:id/series?features=0,3[&v=]                 the Run page's per-window data, binary (lib/ui/series-binary.ts)
// GET /api/runs/:id/series?part=feature&feature=3[&v=]       one more feature column
// GET /api/runs/:id/series?part=dbscan&eps=&minSamples=[&v=] DBSCAN labels under other settings (refit on the server)
// GET /api/runs/:id/series?part=distance[&v=]                 stored distances to the nearest DBSCAN core point (evaluation)
// With v equal to the run's current version the answer never changes, and the browser may keep it.
// Any other part is refused (400, listing the known ones), as is an index the run does not have.
import { loadRunSeries, seriesVersionOf } from "@/lib/server/runs/load-run-series";
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { queryFields } from "@/lib/server/http/request-input";
import { checkFeatureIndices, parseSeriesQuery } from "@/lib/server/http/series-query";
import { getCachedRunScores, getFinishedRun, relabelRun } from "@/lib/server/runs/relabel-run";
import { featureNamesFor } from "@/lib/logs/types";
import { encodeDbscanPart, encodeDistancePart, encodeFeaturePart, encodeSeriesCore } from "@/lib/ui/series-binary";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute(
  "run series",
  async (id, request) => {
    // The query first: a wrong part or index is the request's fault whatever the run's state.
    const query = parseSeriesQuery(queryFields(request.url));
    const run = await getFinishedRun(id);
    checkFeatureIndices(query, featureNamesFor(run.params.features).length);
    const cache = query.version === seriesVersionOf(run) ? "private, max-age=31536000, immutable" : "no-store";
    let body: Uint8Array<ArrayBuffer>;
    if (query.part === "dbscan") {
      const labels = await relabelRun(id, query.thresholds);
      body = encodeDbscanPart(labels.relabelling.labels.dbscan, { eps: labels.settings.eps, minSamples: labels.settings.minSamples });
    } else if (query.part === "distance") {
      const scores = await getCachedRunScores(run);
      body = encodeDistancePart(scores.dbscan?.distances ?? new Float64Array(0));
    } else if (query.part === "feature") {
      body = encodeFeaturePart(await loadRunSeries(run), query.feature);
    } else {
      body = encodeSeriesCore(await loadRunSeries(run), query.features);
    }
    return new Response(body, { headers: { "content-type": "application/octet-stream", "cache-control": cache } });
  },
);
