import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HostTails, UNSEEN_HOST, type HostTailsJSON, type WindowHostAlerts } from "../../lib/detectors/host-tails";

/** `n` windows where `host` has `lines[i]` alert lines (windows with 0 hold nothing). */
function series(n: number, host: string, lines: (i: number) => number): WindowHostAlerts[] {
  return Array.from({ length: n }, (_, i) => (lines(i) > 0 ? { hosts: [host], lines: [lines(i)] } : undefined));
}

/** Two hosts' windows side by side. */
function both(a: WindowHostAlerts[], b: WindowHostAlerts[]): WindowHostAlerts[] {
  return a.map((w, i) => {
    const v = b[i];
    if (w === undefined) return v;
    if (v === undefined) return w;
    return { hosts: [...w.hosts, ...v.hosts], lines: [...Array.from(w.lines), ...Array.from(v.lines)] };
  });
}

describe("HostTails", () => {
  it("scores a host's quiet-to-busy shift by the centred median of its own z, on the single window's scale", () => {
    // db has 6 alert lines in windows 8-12 of 20 and none elsewhere: median and MAD 0, mean 1.5,
    // scale sqrt(2.5); z = 6 / 1.581 = 3.795 there; the median of 5 windows around 8-12 is 3.795
    // too (3 of 5 are), divided by 0.5359.
    const windows = series(20, "db", (i) => (i >= 8 && i <= 12 ? 6 : 0));
    const model = new HostTails().fit(windows);
    assert.deepEqual(model.fitted, [{ host: "db", median: 0, scale: Math.sqrt(2.5) }]);
    const { scores, host, hosts } = model.score(windows);
    const sustained = 6 / Math.sqrt(2.5) / 0.5359;
    for (let i = 0; i < 20; i++) {
      if (i >= 8 && i <= 12) assert.ok(Math.abs(scores[i]! - sustained) < 1e-9, `window ${i}: ${scores[i]}`);
      else assert.equal(scores[i], 0, `window ${i}`);
    }
    assert.deepEqual(hosts, ["db"]);
    assert.equal(host[10], 0);
    assert.equal(host[0], -1);
  });

  it("measures each host against its own baseline, so a busy host's usual errors do not hide a quiet host's burst", () => {
    // web logs 20-28 error lines in every window; bastion none, then 9 in window 30.
    const web = series(60, "web", (i) => 20 + (i % 9));
    const bastion = series(60, "bastion", (i) => (i === 30 ? 9 : 0));
    const windows = both(web, bastion);
    const { scores, host, hosts } = new HostTails().fit(windows).score(windows);
    const scale = Math.sqrt(9 / 60 + 1);
    assert.ok(Math.abs(scores[30]! - 9 / scale) < 1e-9);
    assert.equal(hosts[host[30]!], "bastion");
    // web's own spread (MAD 3 lines) keeps its windows ordinary.
    assert.ok(Math.max(...Array.from(scores).filter((_, i) => i !== 30)) < 3);
  });

  it("counts only increases: a host falling quiet scores 0", () => {
    const windows = series(30, "app", (i) => (i >= 10 && i < 20 ? 0 : 12));
    const { scores } = new HostTails().fit(windows).score(windows);
    assert.ok(scores.every((s) => s < 1), String(Array.from(scores)));
  });

  it("scores a host the training windows never saw with centre 0 and scale 1, and round-trips through toJSON", () => {
    const saved = JSON.stringify(new HostTails({ span: 1 }).fit(series(10, "db", (i) => i % 2)).toJSON());
    const model = HostTails.load(JSON.parse(saved) as HostTailsJSON);
    assert.deepEqual(UNSEEN_HOST, { median: 0, scale: 1 });
    const { scores, hosts } = model.score([{ hosts: ["new-host"], lines: [12] }, undefined]);
    assert.deepEqual(Array.from(scores), [12, 0]);
    assert.deepEqual(hosts, ["new-host"]);
    assert.throws(() => new HostTails({ span: 4 }), /span/);
  });
});
