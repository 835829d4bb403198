import { hasErrorKeyword } from "./error-keywords";

/**
 * Events and error-keyword lines per host and window, for the run page's per-host lanes. The
 * database keeps only distinct_hosts per window, so the lanes re-read the stored log: each line is
 * handed in with its number, and the windows' stored line ranges say which window (if any) its
 * record was counted in. Pure: lines in, counts out.
 */

/** Where a window's records sit in the log (lib/db LineRange has these fields). */
export interface WindowLines {
  firstLine: number;
  lineCount: number;
}

/** One host's activity, sparse: `[window, events, errors]` triples, ascending by window, zeros left out. */
export interface HostCounts {
  name: string;
  /** Events over the whole run. */
  events: number;
  counts: number[];
}

export interface HostWindowCountsResult {
  /** The busiest hosts, busiest first. */
  hosts: HostCounts[];
  /** Every other host summed, or null when there are none; `hosts` says how many. */
  other: (HostCounts & { hosts: number }) | null;
}

interface Tally {
  events: number;
  /** Per window index, events and errors. */
  perWindow: Map<number, [number, number]>;
}

export class HostWindowCounter {
  // Ranges sorted by first line, with their window: lines arrive in ascending order, so one cursor walks them.
  private readonly ranges: { first: number; end: number; window: number }[];
  private cursor = 0;
  private readonly tallies = new Map<string, Tally>();

  constructor(windows: readonly (readonly WindowLines[])[]) {
    this.ranges = windows
      .flatMap((ranges, window) => ranges.filter((r) => r.lineCount > 0).map((r) => ({ first: r.firstLine, end: r.firstLine + r.lineCount, window })))
      .sort((a, b) => a.first - b.first);
  }

  /** The window whose records include 1-based line `line`, or -1. Lines must come in ascending order. */
  windowOf(line: number): number {
    while (this.cursor < this.ranges.length && line >= (this.ranges[this.cursor] as { end: number }).end) this.cursor++;
    const range = this.ranges[this.cursor];
    return range !== undefined && line >= range.first ? range.window : -1;
  }

  /** A record read from line `line`: counted for its host when its window is one of the run's. */
  add(line: number, host: string, message: string): void {
    const window = this.windowOf(line);
    if (window < 0) return;
    let tally = this.tallies.get(host);
    if (!tally) {
      tally = { events: 0, perWindow: new Map() };
      this.tallies.set(host, tally);
    }
    tally.events++;
    let cell = tally.perWindow.get(window);
    if (!cell) {
      cell = [0, 0];
      tally.perWindow.set(window, cell);
    }
    cell[0]++;
    if (hasErrorKeyword(message)) cell[1]++;
  }

  /** The `limit` busiest hosts (ties: by name) and the rest summed as "other". */
  result(limit: number): HostWindowCountsResult {
    const ranked = [...this.tallies.entries()].sort(([a, x], [b, y]) => y.events - x.events || (a < b ? -1 : a > b ? 1 : 0));
    const hosts = ranked.slice(0, limit).map(([name, tally]) => ({ name, events: tally.events, counts: flatten(tally.perWindow) }));
    const rest = ranked.slice(limit);
    if (rest.length === 0) return { hosts, other: null };
    const merged: Tally = { events: 0, perWindow: new Map() };
    for (const [, tally] of rest) {
      merged.events += tally.events;
      for (const [window, [events, errors]] of tally.perWindow) {
        const cell = merged.perWindow.get(window) ?? [0, 0];
        cell[0] += events;
        cell[1] += errors;
        merged.perWindow.set(window, cell);
      }
    }
    return { hosts, other: { name: "other", events: merged.events, counts: flatten(merged.perWindow), hosts: rest.length } };
  }
}

function flatten(perWindow: Map<number, [number, number]>): number[] {
  const out: number[] = [];
  for (const window of [...perWindow.keys()].sort((a, b) => a - b)) {
    const [events, errors] = perWindow.get(window) as [number, number];
    out.push(window, events, errors);
  }
  return out;
}

/** A host's sparse counts as dense columns over the run's windows (silent windows count 0). */
export function denseHostCounts(counts: readonly number[], windows: number): { events: Float64Array; errors: Float64Array } {
  const events = new Float64Array(windows);
  const errors = new Float64Array(windows);
  for (let k = 0; k + 2 < counts.length; k += 3) {
    const w = counts[k] as number;
    if (w < 0 || w >= windows) continue;
    events[w] = (events[w] as number) + (counts[k + 1] as number);
    errors[w] = (errors[w] as number) + (counts[k + 2] as number);
  }
  return { events, errors };
}
