import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createView } from "../../lib/logs/byte-view";
import { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import { MAX_COUNTED_ID } from "../../lib/logs/window-counts";
import { TokenCounter } from "../../lib/logs/token-counter";
import { computeTokenEntropy, computeWindowFeatures } from "../../lib/logs/window-features";
import type { LogRecord } from "../../lib/logs/types";

// Why these tests: a bounded seed extraction no longer keeps one id per distinct message of the
// whole log, so the same window may list its messages in another order than a single-epoch run.
// Every feature must therefore be the same bits whatever the order or numbering of the messages.

const encoder = new TextEncoder();

/** A deterministic shuffle (xorshift), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Messages whose token counts give terms of very different sizes, where float sums show order. */
function messages(): string[] {
  const out: string[] = [];
  for (let k = 0; k < 400; k++) out.push(`sshd session ${k % 37} opened for user u${k % 11} from 10.0.${k % 7}.${k} port ${k * 13}`);
  for (let k = 0; k < 60; k++) out.push(`kernel: eth${k % 3} link ${k % 2 === 0 ? "up" : "down"} speed ${k % 5}000`);
  return out;
}

describe("entropy_tokens does not depend on the order messages are counted in", () => {
  it("TokenCounter.sumCountLogCount gives the same bits for any insertion order", () => {
    const texts = messages();
    // Each message counted a fixed number of times, so every order gives the same token counts.
    const weight = new Map(texts.map((text, k) => [text, 1 + (k % 3)]));
    const sums = [0, 1, 2, 3, 4].map((seed) => {
      const vocabulary = MessageVocabulary.plain();
      const order = seed === 0 ? texts : shuffled(texts, seed * 7919);
      const counter = new TokenCounter();
      for (const text of order) {
        const bytes = encoder.encode(text);
        const d = vocabulary.describe(vocabulary.intern(createView(bytes), 0, bytes.length));
        for (let t = d.from; t < d.to; t++) {
          const start = d.starts[t]!;
          counter.add(vocabulary.views, d.base + start, d.ends[t]! - start, d.hashes[t]!, d.heads[t]!, d.tails[t]!, weight.get(text)!);
        }
      }
      return counter.sumCountLogCount();
    });
    for (const sum of sums) assert.ok(Object.is(sum, sums[0]), `${sum} vs ${sums[0]}`);
  });

  it("computeTokenEntropy gives the same bits for any order of the counts", () => {
    const counts = Array.from({ length: 500 }, (_, k) => 1 + ((k * 7919) % 97));
    const total = counts.reduce((a, b) => a + b, 0);
    const expected = computeTokenEntropy(counts, total, counts.length);
    for (const seed of [3, 5, 11]) assert.ok(Object.is(computeTokenEntropy(shuffled(counts, seed), total, counts.length), expected));
  });

  it("computeWindowFeatures gives every feature bit for bit whatever order a window's records come in", () => {
    const texts = messages();
    const records: LogRecord[] = texts.map((message, k) => ({
      ts: 1_700_000_000 + (k % 120), host: `h${k % 4}`, process: k % 2 === 0 ? "sshd" : "kernel", pid: null, message,
    }));
    const expected = computeWindowFeatures(records, 60);
    for (const seed of [2, 9, 31]) {
      const actual = computeWindowFeatures(shuffled(records, seed), 60);
      assert.equal(actual.length, expected.length);
      actual.forEach((w, i) => w.values.forEach((v, k) => assert.ok(Object.is(v, expected[i]!.values[k]), `window ${i} value ${k}`)));
    }
  });
});

describe("a bounded MessageVocabulary without global ids", () => {
  it("gives a forgotten message a new id, keeps the ids of kept ones, and finds kept ones by their bytes", () => {
    let vocabulary = MessageVocabulary.bounded(false);
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    assert.equal(intern("alpha"), 0);
    assert.equal(intern("beta"), 1);
    vocabulary = vocabulary.keeping([1]);
    assert.equal(vocabulary.held, 1);
    assert.equal(intern("beta"), 1, "a message a running window holds keeps its id");
    assert.equal(intern("alpha"), 2, "a forgotten message is new: no table of every message is kept");
    assert.equal(intern("alpha"), 2);
    assert.equal(vocabulary.size, 3);
    assert.equal(vocabulary.text(2), "alpha");
    assert.equal(vocabulary.describe(1).utf16Length, 4);
  });

  it("refuses a log once its message ids would overflow the window counts' packed keys", () => {
    const vocabulary = MessageVocabulary.bounded(false);
    // Reaching the limit takes about 537 million lines; start the id counter just below it instead.
    (vocabulary as unknown as { issued: { count: number } }).issued.count = MAX_COUNTED_ID;
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    assert.equal(intern("last"), MAX_COUNTED_ID);
    assert.equal(MAX_COUNTED_ID * 4 + 2 + 1 <= 2 ** 31 - 1, true, "the largest key, stored plus one, fits an Int32");
    assert.throws(() => intern("one too many"), (error: Error) => error.name === "UserInputError" && /split it into parts/.test(error.message));
  });
});
