import { test } from "node:test";
import assert from "node:assert/strict";
import { checkFileName, MAX_FILE_NAME_BYTES } from "@/lib/server/http/check-file-name";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";

function refused(name: string, message: RegExp): void {
  assert.throws(() => checkFileName(name, "x.log"), (error: unknown) => {
    assert.ok(error instanceof UploadRefusedError, String(error));
    assert.equal(error.status, 400);
    assert.match(error.message, message);
    return true;
  });
}

test("a name is its last path part, without control characters; nothing left gives the fallback", () => {
  assert.equal(checkFileName("C:\\fakepath\\syslog.log", "x.log"), "syslog.log");
  assert.equal(checkFileName("../../etc/passwd", "x.log"), "passwd");
  assert.equal(checkFileName(" a\u0000b\u001f.log\n", "x.log"), "ab.log");
  for (const empty of [undefined, null, "", "  ", "dir/", "\u0007"]) assert.equal(checkFileName(empty, "x.log"), "x.log");
});

test(". and .. are refused, whatever path they end", () => {
  for (const name of [".", "..", " .. ", "a/..", "a\\.", "..\u0000"]) refused(name, /^"\.{1,2}" is not a file name: give the file a name and send it again\.$/);
  assert.equal(checkFileName("...", "x.log"), "...");
  assert.equal(checkFileName(".hidden", "x.log"), ".hidden");
});

test("names over 255 bytes of UTF-8 are refused, 255 bytes are kept (shown cut to 200 characters)", () => {
  assert.equal(MAX_FILE_NAME_BYTES, 255);
  refused("字".repeat(100), /^The file name "字{80}…" is 300 bytes long in UTF-8, more than the 255 a file name may have: rename the file and send it again\.$/);
  refused("a".repeat(256), /is 256 bytes long/);
  // 64 characters are fewer than a refusal shortens: the name is shown whole.
  refused(`${"😀".repeat(64)}`, /^The file name "(😀){64}" is 256 bytes long/);
  assert.equal(checkFileName("字".repeat(85), "x.log"), "字".repeat(85));
  assert.equal(checkFileName("a".repeat(255), "x.log"), "a".repeat(200));
  // Cut by characters, never inside a surrogate pair.
  const emoji = `${"a".repeat(199)}😀😀`;
  assert.equal(checkFileName(emoji, "x.log"), `${"a".repeat(199)}😀`);
});
