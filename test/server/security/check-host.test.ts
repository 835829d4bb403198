import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, loadConfig, parseHostAndPort, type HostAndPort } from "@/lib/config/env";
import { checkHost, type HostRules } from "@/lib/server/security/check-host";
import { assertOneSentence } from "../http/one-sentence";

const entries = (...texts: string[]): HostAndPort[] => texts.map((text) => parseHostAndPort(text) ?? assert.fail(text));
const rules = (over: Partial<HostRules> = {}): HostRules => ({ port: 3000, boundHost: "127.0.0.1", allowedHosts: [], ...over });

function assertRefused(header: string | null, given: HostRules, status: number, message: RegExp): void {
  const verdict = checkHost(header, given);
  assert.ok(!verdict.allowed, `${header} was allowed`);
  assert.equal(verdict.status, status, String(header));
  assertOneSentence(verdict.message, String(header));
  assert.match(verdict.message, message);
}

test("the loopback names and HOST are allowed with the server's port, in any case and with a final dot", () => {
  for (const header of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LocalHost:3000", "localhost.:3000", "[0:0:0:0:0:0:0:1]:3000"]) {
    assert.deepEqual(checkHost(header, rules()), { allowed: true }, header);
  }
  assert.deepEqual(checkHost("logscope.internal:3000", rules({ boundHost: "logscope.internal" })), { allowed: true });
  assert.deepEqual(checkHost("[fd00::5]:3000", rules({ boundHost: "fd00::5" })), { allowed: true });
  // Without a port a browser asked for port 80.
  assert.deepEqual(checkHost("localhost", rules({ port: 80 })), { allowed: true });
});

test("a rebinding name, another port or a missing port is refused with 421 and names the host and ALLOWED_HOSTS", () => {
  assertRefused("attacker.example", rules(), 421, /^This server does not answer to the host "attacker\.example"; .*ALLOWED_HOSTS\.$/);
  assertRefused("attacker.example:3000", rules(), 421, /"attacker\.example:3000"/);
  assertRefused("localhost:3001", rules(), 421, /"localhost:3001"/);
  assertRefused("localhost", rules(), 421, /"localhost"/);
  assertRefused("127.0.0.2:3000", rules(), 421, /"127\.0\.0\.2:3000"/);
  // A name that merely starts like a loopback one.
  assertRefused("localhost.attacker.example:3000", rules(), 421, /attacker/);
  assertRefused("127.0.0.1.nip.io:3000", rules(), 421, /nip\.io/);
});

test("a missing or malformed Host header is a 400", () => {
  assertRefused(null, rules(), 400, /^The request names no host: send a Host header with this server's name\.$/);
  assertRefused("  ", rules(), 400, /no host/);
  for (const header of ["a b:3000", "localhost:3000:1", "localhost:99999", "user@localhost:3000", "[::1", "localhost:3000/x"]) {
    assertRefused(header, rules(), 400, /is not a host name with an optional port\.$/);
  }
  const long = "x".repeat(5000);
  const verdict = checkHost(long, rules());
  assert.ok(!verdict.allowed && verdict.message.length < 300, "a long header is echoed in part only");
});

test("ALLOWED_HOSTS entries allow their names: without a port on any port, with one on that port only", () => {
  const given = rules({ allowedHosts: entries("logs.example.com", "10.0.0.5:8080", "[fd00::1]:3000") });
  for (const header of ["logs.example.com", "logs.example.com:443", "LOGS.example.com:3000", "10.0.0.5:8080", "[fd00::1]:3000"]) {
    assert.deepEqual(checkHost(header, given), { allowed: true }, header);
  }
  for (const header of ["10.0.0.5:3000", "10.0.0.5", "other.example.com", "example.com:3000", "[fd00::1]:8080"]) {
    assertRefused(header, given, 421, /ALLOWED_HOSTS/);
  }
});

test("bound to every interface, any IP address with the server's port is allowed, but no other name", () => {
  for (const boundHost of ["0.0.0.0", "::", "[::]"]) {
    const given = rules({ boundHost });
    for (const header of ["192.168.1.20:3000", "[fd00::20]:3000", "localhost:3000"]) assert.deepEqual(checkHost(header, given), { allowed: true }, header);
    assertRefused("192.168.1.20:3001", given, 421, /192\.168\.1\.20:3001/);
    assertRefused("devbox:3000", given, 421, /devbox/);
    assertRefused("attacker.example:3000", given, 421, /attacker/);
  }
});

test("ALLOWED_HOSTS is validated in lib/config/env.ts: a comma-separated list of names with optional ports", () => {
  assert.equal(loadConfig({}).allowedHosts, undefined);
  assert.equal(loadConfig({ ALLOWED_HOSTS: " , " }).allowedHosts, undefined);
  assert.deepEqual(loadConfig({ ALLOWED_HOSTS: " Logs.Example.com , 10.0.0.5:8080,[::1]:3000,fd00::1" }).allowedHosts, [
    { name: "logs.example.com", port: undefined },
    { name: "10.0.0.5", port: 8080 },
    { name: "[::1]", port: 3000 },
    { name: "[fd00::1]", port: undefined },
  ]);
  for (const bad of ["http://logs.example.com", "logs.example.com:0", "logs example", "a.com;b.com", "*.example.com"]) {
    assert.throws(
      () => loadConfig({ ALLOWED_HOSTS: bad }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message === `ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses, each with an optional :port, such as logs.example.com,10.0.0.5:3000; got ${JSON.stringify(bad)}.`,
      bad,
    );
  }
});
