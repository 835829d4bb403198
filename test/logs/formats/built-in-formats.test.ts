import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILT_IN_FORMATS, syslogVariants } from "@/lib/logs/formats/built-in-formats";

describe("built-in formats", () => {
  it("lists rfc5424, json, cri, access and w3c, by their --format names", () => {
    assert.deepEqual(BUILT_IN_FORMATS.map((format) => format.name), ["rfc5424", "json", "cri", "access", "w3c"]);
  });

  it("exports the syslog variants separately, for the registry's syslog format", () => {
    assert.equal(syslogVariants.name, "syslog");
    assert.ok(!BUILT_IN_FORMATS.includes(syslogVariants));
  });

  it("gives every format a description, no continuations, and a parser that finds no record in an empty line", () => {
    for (const format of [...BUILT_IN_FORMATS, syslogVariants]) {
      assert.ok(format.description.length > 0, format.name);
      assert.equal(format.continuations, false, format.name);
      assert.equal(format.createParser({}).parseLine(""), null, format.name);
    }
  });
});
