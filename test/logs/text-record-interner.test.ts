import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hashBytes } from "../../lib/logs/byte-hash";
import { TextRecordInterner } from "../../lib/logs/text-record-interner";
import { FeatureVocabulary, internTextRecord } from "../../lib/logs/window-features";

// ASCII, Latin-1, astral, a lone surrogate (U+FFFD once stored), empty and long values.
const VALUES = ["web-03", "GET", "h\u00f6st", "caf\u00e9 \u{1F600}", "x\ud800y", "", "10.0.0.1", "a".repeat(5000), "\u00e9".repeat(3000), "web-03"];

describe("TextRecordInterner", () => {
  it("gives the ids internTextRecord gives, record after record, whatever the text", () => {
    const streamed = new FeatureVocabulary();
    const reference = new FeatureVocabulary();
    const interner = new TextRecordInterner(streamed);
    for (const host of VALUES) {
      for (const process of VALUES.slice(3)) {
        const message = `${process} from ${host}`;
        interner.intern(host, process, message);
        const expected = internTextRecord(host, process, message, reference);
        assert.deepEqual([interner.hostId, interner.processId, interner.messageId], [expected.hostId, expected.processId, expected.messageId]);
      }
    }
    assert.equal(streamed.hosts.size, reference.hosts.size);
    assert.equal(streamed.messages.size, reference.messages.size);
  });

  it("keeps giving internTextRecord's ids once its name caches fill, whether they keep being asked or not", () => {
    const streamed = new FeatureVocabulary();
    const reference = new FeatureVocabulary();
    const interner = new TextRecordInterner(streamed);
    // Hosts: 16000 distinct (once the cache holds 4096, lookups miss and it stops being asked), then
    // 3000 seen before. Processes: 5000 distinct, then only the first 100 (the full cache keeps hitting).
    const hosts = [
      ...Array.from({ length: 16000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`),
      ...Array.from({ length: 3000 }, (_, i) => `10.0.${(i * 5) >> 8}.${(i * 5) & 255}`),
    ];
    hosts.forEach((host, i) => {
      const process = i < 5000 ? `p${i}` : `p${i % 100}`;
      interner.intern(host, process, "m");
      const expected = internTextRecord(host, process, "m", reference);
      assert.deepEqual([interner.hostId, interner.processId], [expected.hostId, expected.processId], `record ${i}`);
    });
    assert.equal(streamed.hosts.size, 16000);
    assert.equal(streamed.processes.size, 5000);
  });

  it("stores names as their UTF-8, found again from the bytes the §1 byte path interns", () => {
    const vocabulary = new FeatureVocabulary();
    const interner = new TextRecordInterner(vocabulary);
    interner.intern("h\u00f6st", "sshd", "m");
    for (const [text, id, names] of [["h\u00f6st", interner.hostId, vocabulary.hosts], ["sshd", interner.processId, vocabulary.processes]] as const) {
      const bytes = new TextEncoder().encode(text);
      assert.equal(names.find(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length)), id);
    }
  });
});
