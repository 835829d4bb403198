import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ErrorLevelTest, isErrorLevel } from "@/lib/logs/error-level";

describe("isErrorLevel", () => {
  it("takes error words in any case, with brackets or a colon around them", () => {
    for (const level of ["ERROR", "error", "Err", "FATAL", "CRITICAL", "crit", "alert", "EMERG", "panic", "SEVERE", "FAILURE", "E", "F", "[error]", "<ERROR>", "Error:"]) {
      assert.equal(isErrorLevel(level), true, level);
    }
  });

  it("leaves warnings, information, streams and empty levels alone", () => {
    for (const level of ["", "WARN", "WARNING", "W", "INFO", "I", "notice", "debug", "stderr", "stdout", "errors", "ERRORS happened"]) {
      assert.equal(isErrorLevel(level), false, level);
    }
  });

  it("reads numbers by magnitude: syslog severities 0-3, Bunyan 50 and 60, HTTP 5xx", () => {
    const errors = ["0", "1", "2", "3", "50", "60", "500", "503", "599"];
    const others = ["4", "5", "6", "7", "8", "10", "30", "40", "61", "99", "200", "404", "499", "600", "1000"];
    for (const level of errors) assert.equal(isErrorLevel(level), true, level);
    for (const level of others) assert.equal(isErrorLevel(level), false, level);
  });

  it("answers the same through the remembering test, for many distinct levels", () => {
    const test = new ErrorLevelTest();
    for (let round = 0; round < 2; round++) {
      for (let n = 0; n < 1000; n++) assert.equal(test.test(String(n)), isErrorLevel(String(n)), String(n));
      assert.equal(test.test("ERROR"), true);
      assert.equal(test.test(""), false);
    }
  });
});
