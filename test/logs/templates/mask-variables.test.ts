import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenizer } from "../../../lib/logs/templates/mask-variables";

const tokenize = createTokenizer();
const masked = (message: string): string => tokenize(message).join(" ");

describe("createTokenizer", () => {
  it("splits on any run of whitespace and ignores leading and trailing whitespace", () => {
    assert.deepEqual(tokenize("  check pass;\tuser   unknown \r"), ["check", "pass;", "user", "unknown"]);
    assert.deepEqual(tokenize(""), []);
    assert.deepEqual(tokenize(" \t "), []);
  });

  it("masks IPv4 addresses with or without a port, also inside key=value tokens", () => {
    assert.equal(masked("Invalid user admin from 173.234.31.186"), "Invalid user admin from <*>");
    assert.equal(masked("connect to 10.0.0.1:22 failed"), "connect to <*> failed");
    assert.equal(masked("ruser= rhost=218.188.2.4"), "ruser= rhost=<*>");
  });

  it("masks IPv6 addresses and clock times", () => {
    assert.equal(masked("from fe80::1 and 2001:db8::ff00:42:8329"), "from <*> and <*>");
    assert.equal(masked("at 05:47:42"), "at <*>");
  });

  it("masks hex numbers, long hex words and UUIDs but not short words made of hex letters", () => {
    assert.equal(masked("Flags 0x03 at ffff3000."), "Flags <*> at <*>.");
    assert.equal(masked("task 1b4e28ba-2fa1-11d2-883f-0016d3cca427 received"), "task <*> received");
    assert.equal(masked("added face to cafe"), "added face to cafe");
  });

  it("masks absolute paths but keeps a slash between words", () => {
    assert.equal(masked("creating device node '/udev/vcs2'"), "creating device node '<*>'");
    assert.equal(masked("log source = /proc/kmsg started."), "log source = <*> started.");
    assert.equal(masked("router PIIX/ICH"), "router PIIX/ICH");
  });

  it("masks numbers, decimals, versions and numbers glued to a unit, but not digits inside words", () => {
    assert.equal(masked("took 12ms for 126MB at 99% after 1.5 s, version 2.6.5"), "took <*> for <*> at <*> after <*> s, version <*>");
    assert.equal(masked("uid=0 euid=0 CPU#1 ssh2 tty2"), "uid=<*> euid=<*> CPU#<*> ssh2 tty2");
  });

  it("masks host names of three or more labels, but not Java classes or Android intents", () => {
    assert.equal(masked("reverse mapping for ns.marryaldkfaczcz.com failed"), "reverse mapping for <*> failed");
    assert.equal(masked("done. example.com"), "done. example.com");
    // Which class or intent it is tells events apart (HealthApp's SCREEN_ON and TIME_TICK).
    assert.equal(masked("action:android.intent.action.SCREEN_ON"), "action:android.intent.action.SCREEN_ON");
    assert.equal(masked("in org.apache.spark.SparkEnv"), "in org.apache.spark.SparkEnv");
  });

  it("applies regex masks to the whole message after the date mask and before the token masks", () => {
    const withMasks = createTokenizer(undefined, [{ pattern: String.raw`blk_-?\d+`, name: "BLOCK" }, { pattern: String.raw`\d{2}:\d{2}:\d{2}` }]);
    assert.equal(withMasks("Deleting blk_-1608999687919862906 file at 12:00:01 on 10.0.0.1").join(" "), "Deleting <BLOCK> file at <*> on <*>");
    // The date goes whole, before `\d{2}:\d{2}:\d{2}` could cut its clock out.
    assert.equal(withMasks("connection at Tue Jul 26 05:47:42 2005").join(" "), "connection at <*>");
    // A mask may span spaces, as logparser's Proxifier preset does.
    assert.equal(createTokenizer([], [{ pattern: String.raw`<\d+\ssec` }])("lifetime <1 sec").join(" "), "lifetime <*>");
  });

  it("masks a whole date spread over several tokens as one token, whatever its padding", () => {
    assert.equal(masked("connection at Tue Jul 26 05:47:42 2005"), "connection at <*>");
    assert.equal(masked("connection at Fri Jul  1 07:57:30 2005"), "connection at <*>");
    assert.equal(masked("built Sat May 8 09:04:50 EDT 2004"), "built <*>");
    assert.equal(masked("at 2005-07-26T05:47:42.5Z done"), "at <*> done");
  });

  it("masks only the chosen shapes, and none with an empty list", () => {
    assert.equal(createTokenizer(["ipv4"])("from 1.2.3.4 port 22").join(" "), "from <*> port 22");
    assert.equal(createTokenizer([])("from 1.2.3.4 port 22").join(" "), "from 1.2.3.4 port 22");
  });

  it("refuses an unknown mask name", () => {
    assert.throws(() => createTokenizer(["email" as never]), RangeError);
  });
});
