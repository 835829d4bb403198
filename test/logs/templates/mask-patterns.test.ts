import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitLines } from "../../../lib/logs/line-splitter";
import { DATETIME, mayHoldDate } from "../../../lib/logs/templates/mask-patterns";
import { readFixture } from "../../fixtures/fixture-path";

const matchesDate = (message: string): boolean => {
  DATETIME.lastIndex = 0;
  return DATETIME.test(message);
};

describe("mayHoldDate", () => {
  it("lets through ctime, syslog and ISO 8601 dates", () => {
    for (const message of [
      "at Tue Jul 26 05:47:42 2005 ok", "since Jun 18 02:23:10", "Sat May 8 09:04:50 EDT 2004",
      "2005-07-26 05:47:42.123+02:00", "ts=2005-07-26T05:47:42Z", "Jun\u00a018 2:23:10",
    ]) {
      assert.equal(mayHoldDate(message), true, message);
      assert.equal(matchesDate(message), true, message);
    }
  });

  it("turns away clocks glued to something other than whitespace or T, and clocks without a day", () => {
    for (const message of ["[18/Jun/2025:22:51:19 +0000] \"GET /\"", "up 05:47:42", "Jun 18 x123:45:67", "a:b::c"]) {
      assert.equal(mayHoldDate(message), false, message);
    }
  });

  it("never turns away a message that the date regex matches, on every Loghub sample line", () => {
    let dates = 0;
    for (const name of ["Linux_2k.log", "OpenSSH_2k.log"]) {
      for (const line of splitLines(readFixture("loghub", name))) {
        if (!matchesDate(line)) continue;
        dates++;
        assert.equal(mayHoldDate(line), true, line);
      }
    }
    assert.ok(dates > 1000, `only ${dates} lines with a date`);
  });
});
