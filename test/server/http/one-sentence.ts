import assert from "node:assert/strict";

/**
 * Asserts that an API error message is one sentence for a person: no leading blank, one final
 * period, no line break, no second sentence outside quotes, and nothing of a stack trace or a file
 * system's own text.
 */
export function assertOneSentence(text: unknown, context = ""): asserts text is string {
  const where = context ? ` (${context})` : "";
  assert.equal(typeof text, "string", `error is not text${where}`);
  const sentence = text as string;
  // A capital, or a name (a file's, quoted or not) the sentence is about.
  assert.match(sentence, /^\S/, `error does not start a sentence${where}: ${sentence}`);
  assert.ok(sentence.endsWith(".") && !sentence.endsWith(".."), `error does not end with one period${where}: ${sentence}`);
  assert.ok(!/[\r\n]/.test(sentence), `error spans lines${where}: ${sentence}`);
  const unquoted = sentence.replace(/"[^]*"/g, '""');
  assert.ok(!/[.!?]\s+[A-Z]/.test(unquoted.slice(0, -1)), `error has more than one sentence${where}: ${sentence}`);
  assert.ok(!/\bE[A-Z]{3,}\b|\bat [\w.<>]+ \(|TypeError|SyntaxError|\/tmp\//.test(unquoted), `error carries internal text${where}: ${sentence}`);
}
