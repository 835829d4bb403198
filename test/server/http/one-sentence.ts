import assert from "node:assert/strict";

/**
 * Asserts that an API error message is one sentence for a person: no leading blank, one final
 * period, no line break or other control character, no second sentence outside quotes, and nothing
 * of a stack trace or a file system's own text.
 */
export function assertOneSentence(text: unknown, context = ""): asserts text is string {
  const where = context ? ` (${context})` : "";
  assert.equal(typeof text, "string", `error is not text${where}`);
  const sentence = text as string;
  // A capital, or a name (a file's, quoted or not) the sentence is about.
  assert.match(sentence, /^\S/, `error does not start a sentence${where}: ${sentence}`);
  assert.ok(sentence.endsWith(".") && !sentence.endsWith(".."), `error does not end with one period${where}: ${sentence}`);
  assert.ok(!/[\r\n]/.test(sentence), `error spans lines${where}: ${sentence}`);
  // What the user gave is repeated through quoteInput (lib/domain/quote-input.ts): a control character
  // (a terminal escape, a NUL) or a line separator left raw could still forge or hide part of a line.
  // eslint-disable-next-line no-control-regex -- control characters are what must not be left
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(sentence), `error holds a raw control character${where}: ${JSON.stringify(sentence)}`);
  const unquoted = sentence.replace(/"[^]*"/g, '""');
  assert.ok(!/[.!?]\s+[A-Z]/.test(unquoted.slice(0, -1)), `error has more than one sentence${where}: ${sentence}`);
  assert.ok(!/\bE[A-Z]{3,}\b|\bat [\w.<>]+ \(|TypeError|SyntaxError|\/tmp\//.test(unquoted), `error carries internal text${where}: ${sentence}`);
}
