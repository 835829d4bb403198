/**
 * Deliberately naive implementations of docs/pipeline.md §1-3 straight from its text (the regex, split, Set,
 * Map), used as the oracle the optimised code is compared against.
 */
import { SYSLOG_PATTERN } from "../../lib/logs/parse-line";
import type { ParsedLine } from "../../lib/logs/types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** docs/pipeline.md §1 regex on the line without one trailing `\r`, plus the documented month/range checks. */
export function referenceParse(line: string): ParsedLine | null {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  const g = SYSLOG_PATTERN.exec(text)?.groups;
  if (g === undefined) return null;
  const month = MONTHS.indexOf(g.mon ?? "");
  const day = Number(g.day);
  const [hh, mm, ss] = (g.time ?? "").split(":").map(Number) as [number, number, number];
  if (month < 0 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return null;
  return {
    month,
    day,
    secondsOfDay: hh * 3600 + mm * 60 + ss,
    host: g.host ?? "",
    process: g.proc ?? "",
    pid: g.pid === undefined ? null : Number(g.pid),
    message: g.msg ?? "",
  };
}

export interface ReferenceRecord {
  ts: number;
  host: string;
  process: string;
  message: string;
}

export interface ReferenceWindow {
  start: number;
  values: number[];
}

/** docs/pipeline.md §2-3 by the book. */
export function referenceFeatures(records: ReferenceRecord[], window: number): ReferenceWindow[] {
  const groups = new Map<number, ReferenceRecord[]>();
  for (const r of records) {
    const start = r.ts - (((r.ts % window) + window) % window);
    const list = groups.get(start) ?? [];
    list.push(r);
    groups.set(start, list);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, rs]) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const r of rs) {
        for (const token of r.message.split(/\s+/)) {
          if (token === "") continue;
          counts.set(token, (counts.get(token) ?? 0) + 1);
          total++;
        }
      }
      let entropy = 0;
      if (counts.size > 1) for (const c of counts.values()) entropy -= (c / total) * Math.log2(c / total);
      return {
        start,
        values: [
          rs.length,
          new Set(rs.map((r) => r.message)).size,
          new Set(rs.map((r) => r.host)).size,
          new Set(rs.map((r) => r.process)).size,
          rs.reduce((sum, r) => sum + r.message.length, 0) / rs.length,
          rs.filter((r) => /failed password|authentication failure/i.test(r.message)).length,
          rs.filter((r) => /invalid user|user unknown/i.test(r.message)).length,
          entropy,
        ],
      };
    });
}

/** A small deterministic PRNG (mulberry32) so fuzz cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

const FUZZ_PARTS = {
  month: ["Jun", "Jun", "Dec", "Jan", "Foo", "jun", "JUN", "Ju"],
  gap: [" ", " ", " ", "  ", "\t", "\u00a0", "", " \r ", "\u2028", "\u3000"],
  day: ["1", "14", "14", "01", " 9", "123", "0", "32", "a"],
  time: ["15:16:01", "15:16:01", "00:00:00", "23:59:60", "24:00:00", "1:2:3", "99:99:99", "12:00"],
  host: ["combo", "combo", "LabSZ", "h\u00e9st", "a\u00a0b", "", "x:y", "[1]:"],
  hostGap: [" ", " ", " ", "  ", "\t ", "   ", "\u00a0", " \r"],
  proc: ["sshd", "sshd(pam_unix)", "syslogd 1.4.1", "kernel", "", " ", "a[1]:b", "x\u2028y", "p\u00e9", "su[", "ftpd"],
  pid: ["", "", "[123]", "[19939]", "[]", "[12a]", "[007]", "[1", "[99999999999999999999]", "[\u0661]"],
  colon: [":", ":", ":", "", "::", ": :", ":\r"],
  after: [" ", " ", " ", "", "\t", "\u00a0", "\r", "x", "  "],
  message: [
    "",
    "Failed password for root from 1.2.3.4 port 22 ssh2",
    "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ",
    "check pass; user unknown",
    "Invalid user webmaster from 173.234.31.186",
    "a: b",
    "x\u2028y",
    "ends with cr\r",
    "tab\there\tand  double  spaces",
    "caf\u00e9 \u00fcber na\u00efve \ud83d\ude00 emoji",
    "[1]: z",
    "FAILED   PASSWORD x failed\tpassword AUTHENTICATION FAILUREs",
    "xinvalid usery userunknown user unknownz",
    "nbsp\u00a0inside\u2003em space",
    " leading space",
  ],
} as const;

/** Lines near the syslog shape with the awkward variations the SPEC regex must be matched on. */
export function fuzzLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const soup = "Jun 14:[]0 \t\u00a0\r\u2028a\u00e9:x1";
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.1) {
      let line = "";
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) line += soup[Math.floor(random() * soup.length)];
      lines.push(line);
      continue;
    }
    const p = FUZZ_PARTS;
    const clean = random() < 0.5;
    const part = <T>(items: readonly T[]): T => (clean ? (items[0] as T) : pick(random, items));
    lines.push(
      part(p.month) + part(p.gap) + part(p.day) + part(p.gap) + part(p.time) + part(p.gap) + pick(random, p.host) +
        part(p.hostGap) + pick(random, p.proc) + pick(random, p.pid) + part(p.colon) + part(p.after) + pick(random, p.message),
    );
  }
  return lines;
}
