// middleware.ts's matcher decides which requests skip the checks (Next does not run the middleware
// on them). Evaluated here with Next's own has/missing matching: it may skip only requests that
// the checks would let through anyway, and never one a forged or rebinding request looks like.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { matchHas } from "next/dist/shared/lib/router/utils/prepare-destination";
import { config } from "@/middleware";
import { parseHostAndPort } from "@/lib/config/env";
import { checkHost } from "@/lib/server/security/check-host";
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

test("uploads from the app's own pages and from curl on localhost or an IP address skip the middleware", () => {
  for (const host of [APP, "localhost:3000", "[::1]:3000", "192.168.1.20:3000", "localhost"]) {
    assert.equal(runsMiddleware({ host, ...BODY, "sec-fetch-site": "same-origin", origin: `http://${host}` }), false, host);
    assert.equal(runsMiddleware({ host, ...BODY }), false, `${host} from curl`);
  }
  assert.equal(runsMiddleware({ host: APP, ...BODY, "sec-fetch-site": "none" }), false);
  assert.equal(runsMiddleware({ host: APP, "transfer-encoding": "chunked" }), false);
});

test("requests without a body, cross-site ones, old browsers' and named hosts' run the middleware", () => {
  // No body: pages, the API's reads, a POST /cancel or DELETE without one.
  const bodiless: Headers[] = [{ host: APP }, { host: APP, "content-length": "0" }, { host: APP, "sec-fetch-site": "same-origin" }];
  for (const headers of bodiless) {
    assert.equal(runsMiddleware(headers), true, JSON.stringify(headers));
  }
  for (const site of ["cross-site", "same-site", "something-new"]) {
    assert.equal(runsMiddleware({ host: APP, ...BODY, "sec-fetch-site": site, origin: "http://127.0.0.2:4000" }), true, site);
  }
  assert.equal(runsMiddleware({ host: APP, ...BODY, origin: "http://127.0.0.2:4000" }), true);
  assert.equal(runsMiddleware({ host: APP, ...BODY, origin: `http://${APP}` }), true, "an old browser's own origin is compared too");
  for (const host of ["attacker.example:3000", "attacker.example", "logs.example.com", "127.0.0.1.nip.io:3000", "LOCALHOST:3000", "localhost.:3000"]) {
    assert.equal(runsMiddleware({ host, ...BODY, "sec-fetch-site": "same-origin", origin: `http://${host}` }), true, host);
  }
  assert.equal(runsMiddleware({ ...BODY }), true, "no Host at all");
});

test("whatever the matcher skips, the checks would have let through", () => {
  const hosts = [APP, "localhost:3000", "[::1]:3000", "10.1.2.3:3000", "attacker.example:3000", "logs.example.com"];
  const sites = [null, "same-origin", "same-site", "cross-site", "none"];
  const origins = [null, "OWN", "http://127.0.0.2:4000", "null"];
  for (const host of hosts) {
    for (const site of sites) {
      for (const originKind of origins) {
        const origin = originKind === "OWN" ? `http://${host}` : originKind;
        const headers: Headers = { host, ...BODY, ...(site ? { "sec-fetch-site": site } : {}), ...(origin ? { origin } : {}) };
        if (runsMiddleware(headers)) continue;
        const label = JSON.stringify(headers);
        const facts = { method: "POST", fetchSite: site, origin, ownOrigin: ownOrigin(host, "http:", null) };
        assert.ok(checkRequestOrigin(facts).allowed, `skipped a cross-site request: ${label}`);
        // Not a name a rebinding page could send: localhost or an address (bound to every interface,
        // the Host check itself allows any address).
        const name = parseHostAndPort(host)?.name ?? "";
        assert.ok(name === "localhost" || isIP(name.replace(/^\[|\]$/g, "")) !== 0, `skipped a named host: ${label}`);
        assert.ok(checkHost(host, { port: 3000, boundHost: "0.0.0.0", allowedHosts: [] }).allowed, label);
      }
    }
  }
});
