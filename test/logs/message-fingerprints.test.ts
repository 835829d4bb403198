import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { FingerprintIds, fingerprint } from "../../lib/logs/message-fingerprints";
import { MessageVocabulary } from "../../lib/logs/message-vocabulary";
import { HASH_SEED, finishHash, hashStep } from "../../lib/logs/byte-hash";
import { createView } from "../../lib/logs/byte-view";

const encoder = new TextEncoder();

function printOf(text: string): string {
  const bytes = encoder.encode(text);
  const out = new Int32Array(2);
  fingerprint(bytes, 0, bytes.length, out);
  return `${out[0]}:${out[1]}`;
}

/** Adds every print to a set and fails on the first one seen before. */
function assertNoCollision(texts: Iterable<string>): number {
  const seen = new Map<string, string>();
  let n = 0;
  for (const text of texts) {
    const print = printOf(text);
    const other = seen.get(print);
    assert.equal(other, undefined, `"${text}" and "${other}" share a fingerprint`);
    seen.set(print, text);
    n++;
  }
  return n;
}

describe("message fingerprints", () => {
  it("give near-duplicate log messages (one digit, one byte, one position apart) distinct fingerprints", () => {
    function* nearDuplicates(): Generator<string> {
      // 300,000 messages that differ only in a number, the way pids, ports and addresses vary.
      for (let i = 0; i < 200_000; i++) yield `Failed password for root from 10.0.${i >> 8}.${i & 255} port ${22000 + (i % 997)} ssh2`;
      for (let i = 0; i < 100_000; i++) yield `session opened for user u${i} by (uid=0)`;
      // Every single-byte change of one message, at every position, and every one-byte truncation.
      const base = "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7";
      for (let at = 0; at < base.length; at++) {
        for (let c = 32; c < 127; c++) if (c !== base.charCodeAt(at)) yield base.slice(0, at) + String.fromCharCode(c) + base.slice(at + 1);
        yield base.slice(0, at);
      }
      yield base;
      // Same bytes shifted: lengths are mixed in, so a message and its padded copies differ.
      for (let pad = 1; pad < 64; pad++) yield base + " ".repeat(pad);
      for (let pad = 1; pad < 64; pad++) yield "\0".repeat(pad);
    }
    assert.ok(assertNoCollision(nearDuplicates()) > 300_000);
  });

  it("are the same for the same bytes wherever they sit in a buffer", () => {
    const text = "CRON[123]: (root) CMD (run-parts /etc/cron.hourly)";
    const bytes = encoder.encode(`xyz${text}abc`);
    const out = new Int32Array(2);
    fingerprint(bytes, 3, 3 + text.length, out);
    assert.equal(`${out[0]}:${out[1]}`, printOf(text));
  });
});

describe("FingerprintIds", () => {
  it("numbers distinct fingerprints 0, 1, 2, ... in order of first sight and gives a seen one its id again", () => {
    const ids = new FingerprintIds();
    const n = 50_000;
    for (let i = 0; i < n; i++) assert.equal(ids.idOf(i * 7919, i ^ 0x5bd1e995), i);
    // High halves that collide (same table slot) are told apart by the low half.
    assert.equal(ids.idOf(7919, 12345), n);
    for (let i = n - 1; i >= 0; i -= 13) assert.equal(ids.idOf(i * 7919, i ^ 0x5bd1e995), i);
    assert.equal(ids.idOf(7919, 12345), n);
    assert.equal(ids.size, n + 1);
  });
});

describe("FingerprintIds in generations", () => {
  it("gives a fingerprint of the newer generation its id, one of the older a new id aliased to the old, and one of neither a new id", () => {
    const ids = new FingerprintIds(3);
    assert.deepEqual([ids.idOf(1, 1), ids.idOf(2, 2), ids.idOf(3, 3)], [0, 1, 2]);
    assert.equal(ids.oldestId, 0);
    // The fourth distinct fingerprint opens a new generation: 0-2 are now the older one.
    assert.equal(ids.idOf(4, 4), 3);
    assert.equal(ids.idOf(4, 4), 3, "the newer generation gives its id again");
    assert.equal(ids.idOf(2, 2), 4, "the older generation's fingerprint gets a new id ...");
    assert.equal(ids.takeAlias(4), 1, "... aliased to its old one");
    assert.equal(ids.takeAlias(4), -1, "an alias is taken once");
    assert.equal(ids.idOf(2, 2), 4, "and it joined the newer generation");
    assert.equal(ids.takeAlias(3), -1, "a new fingerprint is no alias");
    // 3, 4 and 5 fill the newer generation; 6 opens another: 0-2 are gone for good.
    assert.equal(ids.idOf(5, 5), 5);
    assert.equal(ids.idOf(6, 6), 6);
    assert.equal(ids.oldestId, 3);
    assert.equal(ids.idOf(1, 1), 7);
    assert.equal(ids.takeAlias(7), -1, "a fingerprint of neither generation is new again");
    assert.equal(ids.idOf(5, 5), 8);
    assert.equal(ids.takeAlias(8), 5);
    assert.equal(ids.size, 9);
  });
});

describe("FingerprintIds against a model of its generations (fast-check)", () => {
  /** The documented behaviour with Maps: ids, aliases of the older generation, generations of `size`. */
  class Model {
    young = new Map<string, number>();
    old: Map<string, number> | null = null;
    count = 0;
    constructor(private readonly size: number) {}
    idOf(high: number, low: number): { id: number; alias: number } {
      const key = `${high},${low}`;
      const found = this.young.get(key);
      if (found !== undefined) return { id: found, alias: -1 };
      const id = this.count++;
      const alias = this.old?.get(key) ?? -1;
      if (this.young.size === this.size) {
        this.old = this.young;
        this.young = new Map();
      }
      this.young.set(key, id);
      return { id, alias };
    }
  }

  it("gives the ids and aliases of the model, with fingerprints that share table slots, tags or high halves", () => {
    // High halves from a few low patterns (the same slots) and a few top patterns (the same tags).
    const high = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1 << 20, 1 << 27, -(2 ** 31)))
      .map(([slot, top, bit]) => (slot | (top << 29) | bit) | 0);
    const print = fc.tuple(high, fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(print, { maxLength: 300 }), (size, prints) => {
        const ids = new FingerprintIds(size);
        const model = new Model(size);
        for (const [h, l] of prints) {
          const expected = model.idOf(h, l);
          const id = ids.idOf(h, l);
          assert.equal(id, expected.id);
          if (expected.id === model.count - 1) assert.equal(ids.takeAlias(id), expected.alias);
        }
        assert.equal(ids.size, model.count);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a bounded MessageVocabulary", () => {
  it("keeps the ids of the whole extraction across epochs, and holds only the texts it was told to keep", () => {
    let vocabulary = MessageVocabulary.bounded();
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    assert.equal(intern("alpha"), 0);
    assert.equal(intern("beta"), 1);
    assert.equal(intern("gamma"), 2);
    vocabulary = vocabulary.keeping([1]);
    assert.equal(vocabulary.held, 1);
    assert.equal(vocabulary.text(1), "beta");
    assert.throws(() => vocabulary.text(0), /not held/);
    assert.equal(intern("delta"), 3);
    assert.equal(intern("alpha"), 0, "a message of an earlier epoch gets its id back");
    assert.equal(intern("beta"), 1);
    assert.equal(vocabulary.size, 4);
    assert.equal(vocabulary.text(0), "alpha");
    assert.equal(vocabulary.describe(0).utf16Length, 5);
  });
});

describe("a bounded MessageVocabulary's arena blocks", () => {
  it("are passed from epoch to epoch and hold the right texts after reuse", () => {
    let vocabulary = MessageVocabulary.bounded();
    const texts: string[] = [];
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    // Four epochs of ~6 MB each: full-size (4 MiB) blocks are released and taken again.
    for (let epoch = 0; epoch < 4; epoch++) {
      for (let i = 0; i < 30_000; i++) {
        const text = `epoch ${epoch} message ${i} ${"x".repeat(180)}`;
        assert.equal(intern(text), texts.length);
        texts.push(text);
      }
      const keep = [texts.length - 1, texts.length - 2, 5];
      vocabulary = vocabulary.keeping(keep);
      for (const id of keep) assert.equal(vocabulary.text(id), texts[id]);
    }
    assert.equal(intern(texts[7]!), 7, "a message of the first epoch keeps its id");
    assert.equal(intern(texts[texts.length - 1]!), texts.length - 1);
    assert.equal(vocabulary.text(7), texts[7]);
  });
});

describe("the fingerprint's high half", () => {
  it("is the hash a bounded vocabulary interns by, so ids found by fingerprint match the texts", () => {
    // Two vocabularies: one sees the messages, the other sees them again after an epoch boundary
    // (found by fingerprint); the ids agree only if both halves are computed alike.
    let vocabulary = MessageVocabulary.bounded();
    const intern = (text: string) => {
      const bytes = encoder.encode(text);
      return vocabulary.intern(createView(bytes), 0, bytes.length);
    };
    const texts = ["a", "abcd", "abcde", "é🙂 unicode", "x".repeat(1001)];
    texts.forEach((t, i) => assert.equal(intern(t), i));
    vocabulary = vocabulary.keeping([]);
    texts.forEach((t, i) => assert.equal(intern(t), i));
    assert.equal(vocabulary.size, texts.length);
  });

  it("equals MessageVocabulary's interning hash (FNV-1a over little-endian words, the length, fmix)", () => {
    for (const text of ["", "a", "abcd", "abcdefg", "é🙂 unicode", "y".repeat(777)]) {
      const bytes = encoder.encode(text);
      const view = createView(bytes);
      let h = HASH_SEED;
      let k = 0;
      for (; k + 4 <= bytes.length; k += 4) h = hashStep(h, view.getInt32(k, true));
      for (; k < bytes.length; k++) h = hashStep(h, bytes[k]!);
      const out = new Int32Array(2);
      fingerprint(bytes, 0, bytes.length, out);
      assert.equal(out[0], finishHash(hashStep(h, bytes.length)), text);
    }
  });
});
