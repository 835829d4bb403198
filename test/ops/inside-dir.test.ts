import assert from "node:assert/strict";
import { test } from "node:test";
import { isInsideDir } from "@/lib/ops/inside-dir";

test("a path is inside a folder only strictly below it, by resolved names, and a name starting with two dots still counts", () => {
  assert.equal(isInsideDir("/srv/logs", "/srv/logs/app.log"), true);
  assert.equal(isInsideDir("/srv/logs", "/srv/logs/a/../b.log"), true);
  assert.equal(isInsideDir("/srv/logs", "/srv/logs/..hidden"), true);
  assert.equal(isInsideDir("/srv/logs", "/srv/logs"), false);
  assert.equal(isInsideDir("/srv/logs", "/srv/logs/../etc/passwd"), false);
  assert.equal(isInsideDir("/srv/logs", "/srv/logs2/app.log"), false);
  assert.equal(isInsideDir("/srv/logs", "/etc/passwd"), false);
});
