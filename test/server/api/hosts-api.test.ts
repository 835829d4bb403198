import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { rename } from "node:fs/promises";
import { GET as hostsRoute } from "@/app/api/runs/[id]/hosts/route";
import { resolveStoredPath } from "@/lib/db/database-location";
import { getRun } from "@/lib/db/get-run";
import { denseHostCounts } from "@/lib/logs/host-window-counts";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import type { HostLanes } from "@/lib/server/runs/host-lanes";
import { useJobsEnvironment } from "../../jobs/job-test-env";
import { get, routeParams } from "./api-test-env";
import { trainQuickRun } from "./finished-run";

const env = useJobsEnvironment("logscope-hosts-api-");
after(env.cleanup);

let runId = 0;
before(async () => {
  await startJobRunner({ pollMs: 50 }).ready;
  ({ runId } = await trainQuickRun());
  await stopJobRunner();
});

const hosts = async (id: number | string) => hostsRoute(get(`/api/runs/${id}/hosts`), routeParams({ id: String(id) }));

test("GET /api/runs/:id/hosts counts each host's events and error-keyword lines per window from the stored log", async () => {
  const response = await hosts(runId);
  assert.equal(response.status, 200);
  const body = (await response.json()) as HostLanes;
  assert.equal(body.missing, null);
  const run = await getRun(runId);
  assert.equal(body.windows, run?.windowCount);
  // Linux_2k's records all come from one host.
  assert.deepEqual(body.hosts.map((h) => h.name), ["combo"]);
  assert.equal(body.other, null);
  const combo = body.hosts[0]!;
  const { events, errors } = denseHostCounts(combo.counts, body.windows);
  assert.equal(events.reduce((a, b) => a + b, 0), combo.events);
  assert.equal(combo.events, (run?.logFile.lines ?? 0) - (run?.logFile.unparsedLines ?? 0), "every record of the log is counted once");
  assert.ok(errors.reduce((a, b) => a + b, 0) > 0, "Linux_2k has authentication failures, which are error-keyword lines");
});

test("a run whose log is no longer stored answers with one sentence and no hosts", async () => {
  const run = await getRun(runId);
  const path = resolveStoredPath(run!.logFile.storedPath);
  await rename(path, `${path}.away`);
  try {
    const body = (await (await hosts(runId)).json()) as HostLanes;
    assert.deepEqual(body.hosts, []);
    assert.match(body.missing ?? "", /^The stored copy of Linux_2k\.log is no longer on the server, so its hosts cannot be counted\.$/);
  } finally {
    await rename(`${path}.away`, path);
  }
});

test("an unknown run is a 404 with one sentence", async () => {
  const response = await hosts(99999);
  assert.equal(response.status, 404);
  assert.match(((await response.json()) as { error: string }).error, /^There is no run 99999\.$/);
});
