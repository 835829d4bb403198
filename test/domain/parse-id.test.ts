import { test } from "node:test";
import assert from "node:assert/strict";
import { parseId } from "@/lib/domain/parse-id";
import { ServiceError } from "@/lib/server/http/service-error";
import { requireId } from "@/lib/server/http/route-params";

test("an id is a whole number in digits only, from 1 for a run and from 0 for a window", () => {
  assert.equal(parseId("12"), 12);
  assert.equal(parseId(" 12 "), 12);
  assert.equal(parseId(12), 12);
  assert.equal(parseId("0"), null);
  assert.equal(parseId("0", "window"), 0);
  for (const raw of ["12abc", "-1", "+1", "1e3", "1.0", "", "1234567890123456", undefined, null, {}]) assert.equal(parseId(raw), null, JSON.stringify(raw) ?? "undefined");
});

test("the API's and the actions' id is the same rule, and anything else is no such run", () => {
  assert.equal(requireId("7"), 7);
  assert.equal(requireId("0", "window"), 0);
  const refused = (raw: unknown, kind: "run" | "window", message: string) =>
    assert.throws(() => requireId(raw, kind), (error: unknown) => error instanceof ServiceError && error.status === 404 && error.message === message);
  refused("0", "run", 'There is no run "0".');
  refused("1e3", "run", 'There is no run "1e3".');
  refused("-1", "window", 'There is no window "-1".');
  refused(undefined, "run", "There is no run without an id.");
});
