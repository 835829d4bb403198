import assert from "node:assert/strict";
import { test } from "node:test";
import { networkFailureReason } from "@/lib/ops/network-failure";

const coded = (code: string) => Object.assign(new Error("x"), { code });

test("a network error's code gives the reason every stopping sentence uses, and other errors give none", () => {
  assert.equal(networkFailureReason(coded("ECONNREFUSED")), "connection refused");
  assert.equal(networkFailureReason(coded("ENOTFOUND")), "no such host");
  assert.equal(networkFailureReason(coded("ETIMEDOUT")), "the connection timed out");
  assert.equal(networkFailureReason(coded("EACCES")), undefined);
  assert.equal(networkFailureReason(new Error("ECONNREFUSED")), undefined, "the message is not read");
  assert.equal(networkFailureReason("ECONNREFUSED"), undefined);
  assert.equal(networkFailureReason(null), undefined);
});

test("an AggregateError (IPv4 and IPv6 both refused) gives its first coded error's reason", () => {
  const both = new AggregateError([new Error("no code"), coded("ECONNREFUSED"), coded("ETIMEDOUT")], "x");
  assert.equal(networkFailureReason(both), "connection refused");
});
