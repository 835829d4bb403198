// middleware.ts's matcher decides which requests skip the middleware (Next does not run it on
// them). Evaluated here with Next's own has/missing matching: requests with a body skip it unless
// their browser says they come from another site, and those are refused before their body is
// read. What skips is checked by its handler (test/server/security/handler-checks.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { matchHas } from "next/dist/shared/lib/router/utils/prepare-destination";
import { config } from "@/middleware";
import { checkRequestOrigin, ownOrigin } from "@/lib/server/security/check-request-origin";

type Headers = Record<string, string>;
type Condition = NonNullable<Parameters<typeof matchHas>[2]>[number];
interface Entry {
  source: string;
  has?: readonly Condition[];
  missing?: readonly Condition[];
}

const entries: readonly Entry[] = config.matcher;

/** Whether Next runs the middleware for a request with these headers (every entry's path is /:path*). */
function runsMiddleware(headers: Headers): boolean {
  const req = { headers } as unknown as IncomingMessage;
  return entries.some((entry) => matchHas(req, {}, [...(entry.has ?? [])], [...(entry.missing ?? [])]) !== false);
}

const BODY = { "content-length": "216485", "content-type": "multipart/form-data; boundary=x" };
const APP = "127.0.0.1:3000";

test("every entry covers every path", () => {
  for (const entry of entries) assert.equal(entry.source, "/:path*");
});

test("uploads from the app's own pages, curl and old browsers skip the middleware, under any Host", () => {
  for (const host of [APP, "localhost:3000", "[::1]:3000", "192.168.1.20:3000", "localhost", "logs.example.com", "attacker.example:3000"]) {
    assert.equal(runsMiddleware({ host, ...BODY, "sec-fetch-site": "same-origin", origin: `http://${host}` }), false, host);
    assert.equal(runsMiddleware({ host, ...BODY }), false, `${host} from curl`);
    assert.equal(runsMiddleware({ host, ...BODY, origin: "http://127.0.0.2:4000" }), false, `${host} from an old browser`);
  }
  assert.equal(runsMiddleware({ host: APP, ...BODY, "sec-fetch-site": "none" }), false);
  assert.equal(runsMiddleware({ host: APP, "transfer-encoding": "chunked" }), false);
  assert.equal(runsMiddleware({ ...BODY }), false, "no Host at all");
});

test("requests without a body and cross-site ones run the middleware", () => {
  // No body: pages, the API's reads, a POST /cancel or DELETE without one.
  const bodiless: Headers[] = [{ host: APP }, { host: APP, "content-length": "0" }, { host: "attacker.example", "sec-fetch-site": "same-origin" }];
  for (const headers of bodiless) {
    assert.equal(runsMiddleware(headers), true, JSON.stringify(headers));
  }
  for (const site of ["cross-site", "same-site", "something-new"]) {
    assert.equal(runsMiddleware({ host: APP, ...BODY, "sec-fetch-site": site, origin: "http://127.0.0.2:4000" }), true, site);
  }
});

test("a state-changing request with a body that runs the middleware is refused there, so its body is never copied", () => {
  const hosts = [APP, "localhost:3000", "[::1]:3000", "10.1.2.3:3000", "attacker.example:3000", "logs.example.com"];
  const sites = [null, "same-origin", "same-site", "cross-site", "none"];
  const origins = [null, "OWN", "http://127.0.0.2:4000", "null"];
  for (const host of hosts) {
    for (const site of sites) {
      for (const originKind of origins) {
        const origin = originKind === "OWN" ? `http://${host}` : originKind;
        const headers: Headers = { host, ...BODY, ...(site ? { "sec-fetch-site": site } : {}), ...(origin ? { origin } : {}) };
        if (!runsMiddleware(headers)) continue;
        const facts = { method: "POST", fetchSite: site, origin, ownOrigin: ownOrigin(host, "http:", null) };
        assert.equal(checkRequestOrigin(facts).allowed, false, `a body the middleware would copy: ${JSON.stringify(headers)}`);
      }
    }
  }
});
