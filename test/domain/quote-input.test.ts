import { test } from "node:test";
import assert from "node:assert/strict";
import { QUOTED_INPUT_CHARACTERS, quoteInput } from "@/lib/domain/quote-input";

test("an ordinary value is shown in double quotes, as it was given", () => {
  assert.equal(quoteInput("Mars/Base"), '"Mars/Base"');
  assert.equal(quoteInput(""), '""');
  assert.equal(quoteInput("café 字"), '"café 字"');
});

test("a line break, a NUL, a terminal escape, a quote and a backslash show as their escapes, on one line", () => {
  assert.equal(quoteInput("a\nb"), '"a\\nb"');
  assert.equal(quoteInput("a\r\nb"), '"a\\r\\nb"');
  assert.equal(quoteInput("\u0000"), '"\\u0000"');
  assert.equal(quoteInput("\u001b[31mred"), '"\\u001b[31mred"');
  assert.equal(quoteInput('say "hi"'), '"say \\"hi\\""');
  assert.equal(quoteInput("C:\\logs"), '"C:\\\\logs"');
  assert.equal(quoteInput("tab\there"), '"tab\\there"');
});

test("the controls and separators JSON leaves alone are escaped too: DEL, C1, U+2028/2029, bidi overrides, BOM", () => {
  assert.equal(quoteInput("a\u007fb"), '"a\\u007fb"');
  assert.equal(quoteInput("a\u0085b\u009bc"), '"a\\u0085b\\u009bc"');
  assert.equal(quoteInput("a\u2028b\u2029c"), '"a\\u2028b\\u2029c"');
  assert.equal(quoteInput("admin\u202etxt.exe"), '"admin\\u202etxt.exe"');
  assert.equal(quoteInput("\u2066x\u2069\ufeff"), '"\\u2066x\\u2069\\ufeff"');
});

test("a value of more than 80 characters shows its first 80 and an ellipsis inside the quotes", () => {
  assert.equal(QUOTED_INPUT_CHARACTERS, 80);
  assert.equal(quoteInput("x".repeat(80)), `"${"x".repeat(80)}"`);
  assert.equal(quoteInput("x".repeat(81)), `"${"x".repeat(80)}…"`);
  assert.equal(quoteInput("y".repeat(1_000_000)), `"${"y".repeat(80)}…"`);
  // Counted before escaping: 80 line breaks show as 80 escapes.
  assert.equal(quoteInput("\n".repeat(100)), `"${"\\n".repeat(80)}…"`);
});

test("an emoji (a surrogate pair) counts as one character and is never cut in half", () => {
  const emoji = "😀";
  assert.equal(emoji.length, 2);
  assert.equal(quoteInput(emoji.repeat(80)), `"${emoji.repeat(80)}"`);
  assert.equal(quoteInput(`a${emoji.repeat(100)}`), `"a${emoji.repeat(79)}…"`);
  // A lone surrogate in what was given is shown as its escape, never as a broken character.
  assert.equal(quoteInput("a\ud800b"), '"a\\ud800b"');
});

test("a number is shown as String() writes it, quoted the same way", () => {
  assert.equal(quoteInput(12), '"12"');
  assert.equal(quoteInput(-0.5), '"-0.5"');
  assert.equal(quoteInput(Number.NaN), '"NaN"');
  assert.equal(quoteInput(1e21), '"1e+21"');
});

test("whatever is given, the result is one line that starts and ends with a double quote", () => {
  const samples = ["\n", "\r", "\u2028", "x\u0000y", '"', "\\", "😀".repeat(200), "\u001b]0;title\u0007"];
  for (const sample of samples) {
    const shown = quoteInput(sample);
    // eslint-disable-next-line no-control-regex -- control characters are what must not be left
    assert.ok(!/[\r\n\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(shown), JSON.stringify(shown));
    assert.ok(shown.startsWith('"') && shown.endsWith('"'), shown);
    assert.equal(typeof JSON.parse(shown.replace(/…"$/, '"')), "string");
  }
});
