import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { assertOneSentence } from "./one-sentence";

/**
 * Every route of the API answers every method Next routes (GET, HEAD, OPTIONS, POST, PUT, DELETE,
 * PATCH) in JSON: a method a route does not implement is a 405 with the API's error shape and an
 * Allow header (Next's own 405 has an empty body), OPTIONS lists the same methods, and an address
 * no route answers is a JSON 404.
 */

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;
const API = resolve("app", "api");
const CATCH_ALL = join("[...path]", "route.ts");

type Handler = (request: Request, context: unknown) => Response | Promise<Response>;

/** The route files under app/api, as paths relative to it. */
const routeFiles = () =>
  readdirSync(API, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith("route.ts") && file !== CATCH_ALL)
    .sort();

async function handlersOf(file: string): Promise<Partial<Record<(typeof METHODS)[number], Handler>>> {
  const exported = (await import(join(API, file))) as Record<string, unknown>;
  const handlers: Partial<Record<(typeof METHODS)[number], Handler>> = {};
  for (const method of METHODS) if (typeof exported[method] === "function") handlers[method] = exported[method] as Handler;
  return handlers;
}

test("a method a route does not implement is a JSON 405 with an Allow header, for every route", async () => {
  const files = routeFiles();
  assert.ok(files.length >= 12, `found only ${files.length} routes`);
  let refusals = 0;
  for (const file of files) {
    const handlers = await handlersOf(file);
    const options = handlers.OPTIONS;
    assert.ok(options, `${file} answers OPTIONS itself (Next's would list the 405 handlers as allowed)`);
    const preflight = await options(new Request("http://localhost/x", { method: "OPTIONS" }), {});
    assert.equal(preflight.status, 204, file);
    const allow = (preflight.headers.get("allow") ?? "").split(", ");
    assert.ok(allow.includes("OPTIONS"), file);
    for (const method of METHODS) {
      if (method === "OPTIONS") continue;
      const handler = handlers[method];
      if (allow.includes(method)) {
        // HEAD is Next's own (GET without the body) where GET exists.
        assert.ok(method === "HEAD" ? !handler && handlers.GET : handler, `${file} allows ${method} and implements it`);
        continue;
      }
      assert.ok(handler, `${file} exports a handler for ${method}`);
      const response = await handler(new Request("http://localhost/x", { method }), {});
      assert.equal(response.status, 405, `${file} ${method}`);
      assert.equal(response.headers.get("allow"), allow.join(", "), `${file} ${method}`);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      const body = (await response.json()) as { error: unknown };
      assertOneSentence(body.error, `${file} ${method}`);
      assert.match(body.error, new RegExp(`^This address does not accept ${method} requests; it accepts [A-Z, ]+ and OPTIONS\\.$`));
      refusals++;
    }
  }
  assert.ok(refusals >= 50, `only ${refusals} refusals checked`);
});

test("the runs collection allows GET and POST, a run's labels PUT and DELETE, and the 405 says so", async () => {
  const runs = await handlersOf("runs/route.ts");
  const patch = await runs.PATCH?.(new Request("http://localhost/api/runs", { method: "PATCH" }), {});
  assert.equal(patch?.status, 405);
  assert.equal(patch?.headers.get("allow"), "GET, POST, HEAD, OPTIONS");
  assert.deepEqual(await patch?.json(), { error: "This address does not accept PATCH requests; it accepts GET, POST, HEAD and OPTIONS." });
  const labels = await handlersOf(join("runs", "[id]", "labels", "route.ts"));
  const get = await labels.GET?.(new Request("http://localhost/api/runs/1/labels"), {});
  assert.equal(get?.headers.get("allow"), "PUT, DELETE, OPTIONS");
  assert.ok(!labels.HEAD || (await labels.HEAD(new Request("http://localhost/api/runs/1/labels", { method: "HEAD" }), {})).status === 405);
});

test("an address no API route answers is a JSON 404, whatever the method", async () => {
  const handlers = await handlersOf(CATCH_ALL);
  for (const method of METHODS) {
    const handler = handlers[method];
    assert.ok(handler, method);
    const response = await handler(new Request("http://localhost/api/nothing/here", { method }), {});
    assert.equal(response.status, 404, method);
    const body = (await response.json()) as { error: unknown };
    assertOneSentence(body.error, method);
  }
});
