import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { test } from "node:test";
import { runInThisContext } from "node:vm";
import { hashBytes } from "../../lib/logs/byte-hash";
import { createView } from "../../lib/logs/byte-view";
import { MessageTemplateIds } from "../../lib/logs/message-template-ids";
import { resolveTemplates, TallyScratch, tallyWindow, type TemplateIds, type WindowTally } from "../../lib/logs/template-features";
import { FeatureVocabulary, WindowAccumulator } from "../../lib/logs/window-accumulator";

// V8's own answer to "is this object a dictionary of its properties?" (about 300 bytes more per
// tally, for each of the 100k windows of a 10M-line log, before they became windows).
setFlagsFromString("--allow-natives-syntax");
const hasFastProperties = runInThisContext("(o) => %HasFastProperties(o)") as (o: object) => boolean;
const haveSameShape = runInThisContext("(a, b) => %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

/** A window of three records and two distinct messages, tallied as a bounded extraction does. */
function tally(templates: TemplateIds | "later"): WindowTally {
  const vocabulary = new FeatureVocabulary(true);
  const bytes = (text: string) => new TextEncoder().encode(text);
  const intern = (text: string) => vocabulary.messages.intern(createView(bytes(text)), 0, text.length);
  const host = bytes("host");
  const process = bytes("cron");
  const acc = new WindowAccumulator(0, undefined);
  const hostId = vocabulary.hosts.intern(host, 0, host.length, hashBytes(host, 0, host.length));
  const processId = vocabulary.processes.intern(process, 0, process.length, hashBytes(process, 0, process.length));
  for (const message of ["job started", "job started", "job failed"]) acc.add(hostId, processId, intern(message));
  return tallyWindow(acc, vocabulary.messages, templates, new TallyScratch(), vocabulary);
}

test("a tally that waited for its templates ends with the shape, and the fast properties, of one that did not", () => {
  const ids = new MessageTemplateIds();
  ids.set(0, 4, 0);
  ids.set(1, 9, 0);
  const templates: TemplateIds = { size: 2, ids, forgetBelow: () => undefined };
  const direct = tally(templates);
  const later = tally("later");
  assert.ok(later.messageIds !== undefined, "it waits with its lines per message");
  resolveTemplates(later, templates, new TallyScratch());
  assert.deepEqual([later.templates, later.messageIds], [Int32Array.of(4, 9, 2, 1), undefined]);
  assert.deepEqual(direct.templates, later.templates);
  assert.ok(hasFastProperties(later), "not a dictionary");
  assert.ok(haveSameShape(later, direct), "one shape for every tally");
});
