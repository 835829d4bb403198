import assert from "node:assert/strict";

/**
 * Issue #17's latency bar, measured the same way in-process (stream-latency.test.ts) and against
 * `next start` on loopback (stream-latency.built.test.ts): a classic syslog line stamped now is
 * sent, then the run's windows are listed through the API until the line's window is there.
 */

export const WINDOW = 5;
export const BAR_SECONDS = WINDOW + 2;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A classic syslog line stamped `at` (UTC, whole seconds), as a host writing it now would. */
export function syslogLine(at: Date, message: string): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${MONTHS[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2, " ")} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `${stamp} probe sshd[4242]: ${message}\n`;
}

export interface LatencyTransport {
  /** Sends the lines to the stream; resolves once acknowledged (fails the test otherwise). */
  send: (lines: string) => Promise<void>;
  /** The window starts the API lists for the stream's run now. */
  windowStarts: () => Promise<number[]>;
}

/**
 * Seconds from each line's sending until its window is listed, for `samples` lines one window
 * apart. The first is the worst case: sent just as its window opens, it waits the whole window,
 * then the lateness, then the ticker; each is asserted within the bar (window + 2 s).
 */
export async function measureLatency(transport: LatencyTransport, samples = 3, log: (text: string) => void = console.log): Promise<number[]> {
  const measured: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    if (sample === 0) await sleep(WINDOW * 1000 - (Date.now() % (WINDOW * 1000)) + 20);
    const sent = performance.now();
    const now = new Date();
    const start = Math.floor(now.getTime() / 1000 / WINDOW) * WINDOW;
    await transport.send(syslogLine(now, `latency sample ${sample}`));
    while (!(await transport.windowStarts()).includes(start)) {
      assert.ok(performance.now() - sent < (BAR_SECONDS + 3) * 1000, `window ${start} did not appear within ${BAR_SECONDS + 3} s`);
      await sleep(50);
    }
    const seconds = (performance.now() - sent) / 1000;
    measured.push(seconds);
    log(`latency sample ${sample}: window [${start}, ${start + WINDOW}) listed ${seconds.toFixed(2)} s after its line was sent (stamp ${now.toISOString()})`);
    assert.ok(seconds <= BAR_SECONDS, `${seconds.toFixed(2)} s is over the bar of ${BAR_SECONDS} s`);
  }
  log(`latency: max ${Math.max(...measured).toFixed(2)} s of a bar of ${BAR_SECONDS} s (window ${WINDOW} s, lateness 1 s)`);
  return measured;
}
