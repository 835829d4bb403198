import { StampCache } from "./clock";
import type { Host } from "./fleet";
import type { Dice } from "./rng";

/** Lines of one minute, in emission order; `kinds[i]` is 0 for background, else episode kind index + 1. */
interface MinuteLines {
  secs: number[];
  lines: string[];
  kinds: number[];
}

/**
 * Collects lines per minute so that events emitted out of order (a session that closes an hour
 * later, a burst drawn after the background) come out sorted by time.
 */
export class LineSink {
  private readonly pending = new Map<number, MinuteLines>();
  private readonly stamps = new StampCache();
  /**
   * Nothing may be emitted before this second: the requested start, later the current minute
   * (a minute already written out cannot take more lines).
   */
  floorSec: number;
  /** Episode lines are held inside the minute being written, so labels cover exactly their windows. */
  ceilSec = Number.POSITIVE_INFINITY;

  constructor(startSec: number) {
    this.floorSec = startSec;
  }

  /** Appends `<stamp> <host> <tag>: <message>`. `kind` is 0 for background lines. */
  emit(sec: number, host: Host, tag: string, message: string, kind = 0): void {
    const at = sec < this.floorSec ? this.floorSec : kind !== 0 && sec > this.ceilSec ? this.ceilSec : sec;
    const minute = Math.floor(at / 60);
    let bucket = this.pending.get(minute);
    if (bucket === undefined) {
      bucket = { secs: [], lines: [], kinds: [] };
      this.pending.set(minute, bucket);
    }
    bucket.secs.push(at);
    bucket.lines.push(`${this.stamps.syslog(at)} ${host.name} ${tag}: ${message}`);
    bucket.kinds.push(kind);
  }

  /** Removes and returns one minute's lines in time order (stable within a second). */
  takeMinute(minute: number): { secs: number[]; lines: string[]; kinds: number[] } {
    const bucket = this.pending.get(minute);
    if (bucket === undefined) return { secs: [], lines: [], kinds: [] };
    this.pending.delete(minute);
    const n = bucket.secs.length;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ((bucket.secs[i] as number) % 60) * 1048576 + i;
    keys.sort();
    const secs: number[] = new Array<number>(n);
    const lines: string[] = new Array<string>(n);
    const kinds: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const index = (keys[i] as number) % 1048576;
      secs[i] = bucket.secs[index] as number;
      lines[i] = bucket.lines[index] as string;
      kinds[i] = bucket.kinds[index] as number;
    }
    return { secs, lines, kinds };
  }

  /** Access-log and slashed stamps for messages that embed their own time. */
  get stampCache(): StampCache {
    return this.stamps;
  }
}

/** Everything a line-writing routine needs. */
export interface GenContext {
  dice: Dice;
  sink: LineSink;
  hosts: Host[];
  /** Values drawn once and reused (key fingerprints). */
  memo: Map<string, string>;
  /** The web clients' addresses, drawn on first use. */
  clients: string[];
}
