// Seeded synthetic logs, one per built-in format, for bench-formats.ts. Each log mixes several hosts,
// processes and levels, and messages with numbers in them (ids, ports, durations), so that parsing
// and interning see a vocabulary of realistic size instead of one repeated line.
import { existsSync } from "node:fs";
import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUT_DIR } from "./bench-support";

// Bumped whenever a generator changes, so that logs cached in bench/out are written again.
const GENERATOR_VERSION = 1;

type Rng = () => number;

/** mulberry32: small, fast and the same sequence on every machine for a given seed. */
function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, items: readonly T[]): T => items[int(r, items.length)] as T;
const p2 = (n: number) => String(n).padStart(2, "0");
const p3 = (n: number) => String(n).padStart(3, "0");
const ip = (r: Rng) => `10.${int(r, 4)}.${int(r, 256)}.${1 + int(r, 254)}`;
const hex = (r: Rng, digits: number) => Array.from({ length: digits }, () => int(r, 16).toString(16)).join("");

const HOSTS = ["web-01", "web-02", "web-03", "api-07", "db-01", "db-02", "cache-01", "worker-12"];
const USERS = ["root", "admin", "deploy", "alice", "bob", "backup", "oracle", "test"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Weighted as production logs are: mostly INFO, some DEBUG, a few WARN and ERROR.
const LEVELS = ["INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"];
const SEVERITY: Record<string, number> = { ERROR: 3, WARN: 4, INFO: 6, DEBUG: 7 };

/** The programs of a host and what each of them says; the same pool feeds every syslog-like format. */
const SERVICES: { name: string; messages: ((r: Rng) => string)[] }[] = [
  { name: "sshd", messages: [
    (r) => `Accepted publickey for ${pick(r, USERS)} from ${ip(r)} port ${1024 + int(r, 64000)} ssh2`,
    (r) => `Failed password for invalid user ${pick(r, USERS)}${int(r, 100)} from ${ip(r)} port ${1024 + int(r, 64000)} ssh2`,
    (r) => `pam_unix(sshd:session): session closed for user ${pick(r, USERS)}`,
  ] },
  { name: "CRON", messages: [(r) => `(${pick(r, USERS)}) CMD (/usr/lib/sysstat/sa1 1 ${1 + int(r, 9)})`] },
  { name: "systemd", messages: [
    (r) => `Started Session ${int(r, 90000)} of user ${pick(r, USERS)}.`,
    (r) => `logrotate.service: Consumed ${int(r, 900)}ms CPU time.`,
  ] },
  { name: "kernel", messages: [
    (r) => `[${int(r, 99999)}.${p3(int(r, 1000))}] eth0: link up, ${pick(r, [100, 1000, 10000])} Mbps, full duplex`,
    (r) => `Out of memory: Killed process ${int(r, 60000)} (java) total-vm:${int(r, 9e6)}kB`,
  ] },
  { name: "nginx", messages: [
    (r) => `request ${hex(r, 8)} GET /api/v1/items/${int(r, 5000)} completed in ${int(r, 900)} ms status=${pick(r, [200, 200, 200, 304, 404, 500])}`,
    (r) => `upstream timed out (110: Connection timed out) while reading response header from ${ip(r)}:${8000 + int(r, 10)}`,
  ] },
  { name: "postgres", messages: [
    (r) => `duration: ${(r() * 900).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${int(r, 1e6)}`,
    (r) => `checkpoint complete: wrote ${int(r, 5000)} buffers (${(r() * 10).toFixed(1)}%)`,
  ] },
  { name: "app", messages: [
    (r) => `cache miss for key item:${int(r, 20000)}`,
    (r) => `worker ${int(r, 32)} processed batch ${int(r, 1e5)} of ${int(r, 500)} jobs in ${int(r, 3000)} ms`,
    (r) => `user ${int(r, 50000)} logged in from ${ip(r)}`,
  ] },
];

/** One record's common fields; the format decides how they are written. */
interface Event {
  ms: number; // Unix milliseconds
  host: string;
  process: string;
  pid: number;
  level: string;
  message: string;
}

/** Writes one record as one or more lines (continuations and partial lines take several). */
type Writer = (e: Event, r: Rng, emit: (line: string) => void) => void;

const isoZ = (ms: number) => new Date(ms).toISOString();
function parts(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: p2(d.getUTCHours()), mi: p2(d.getUTCMinutes()), s: p2(d.getUTCSeconds()), ms: p3(d.getUTCMilliseconds()) };
}
const bsd = (ms: number) => {
  const t = parts(ms);
  return `${MONTHS[t.mo]} ${String(t.d).padStart(2, " ")} ${t.h}:${t.mi}:${t.s}`;
};
const tag = (e: Event) => (e.process === "kernel" ? "kernel" : `${e.process}[${e.pid}]`);
const pri = (e: Event) => 8 * (e.process === "kernel" ? 0 : e.process === "CRON" ? 9 : 3) + (SEVERITY[e.level] ?? 6);

const UAS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "curl/8.4.0", "Go-http-client/1.1",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"];
const PATHS = ["/", "/index.html", "/api/v1/items/", "/api/v1/orders/", "/static/app.js", "/images/p/", "/login"];
const STATUSES = [200, 200, 200, 200, 200, 301, 304, 404, 403, 500];
const path = (r: Rng) => {
  const base = pick(r, PATHS);
  return base.endsWith("/") && base !== "/" ? `${base}${int(r, 10000)}` : base;
};
const W3C_HEAD = ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
  "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"];
const HDFS_COMPONENTS = ["dfs.DataNode$PacketResponder", "dfs.DataNode$DataXceiver", "dfs.FSNamesystem", "dfs.DataNode"];
const blk = (r: Rng) => `blk_${r() < 0.5 ? "-" : ""}${1 + int(r, 9)}${String(int(r, 1e9)).padStart(9, "0")}${String(int(r, 1e9)).padStart(9, "0")}`;
const HDFS_MESSAGES: ((r: Rng) => string)[] = [
  (r) => `Receiving block ${blk(r)} src: /${ip(r)}:${30000 + int(r, 30000)} dest: /${ip(r)}:50010`,
  (r) => `PacketResponder ${int(r, 3)} for block ${blk(r)} terminating`,
  (r) => `Received block ${blk(r)} of size ${pick(r, [67108864, 67108864, int(r, 67108864)])} from /${ip(r)}`,
  (r) => `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${ip(r)}:50010 is added to ${blk(r)} size ${int(r, 67108864)}`,
  (r) => `${ip(r)}:50010 Served block ${blk(r)} to /${ip(r)}`,
];
const JAVA_LOGGERS = ["c.e.orders.OrderService", "c.e.auth.TokenFilter", "o.h.engine.jdbc.SqlExceptionHelper", "c.e.cache.RedisCache"];

/** By log name: how each record is written. `syslog` is the classic docs/pipeline.md §1 line. */
export const WRITERS: Record<string, Writer> = {
  syslog: (e, _r, emit) => emit(`${bsd(e.ms)} ${e.host} ${tag(e)}: ${e.message}`),
  // What rsyslog and journalctl write besides §1: <PRI> prefixes, RFC 3339 stamps, fractional seconds.
  "syslog-variants": (e, r, emit) => {
    const shape = int(r, 3);
    if (shape === 0) emit(`<${pri(e)}>${bsd(e.ms)} ${e.host} ${tag(e)}: ${e.message}`);
    else if (shape === 1) emit(`${isoZ(e.ms + 3_600_000).slice(0, 23)}${p3(int(r, 1000))}+01:00 ${e.host} ${tag(e)}: ${e.message}`);
    else emit(`${bsd(e.ms)}.${parts(e.ms).ms} ${e.host} ${e.process}: ${e.message}`);
  },
  rfc5424: (e, r, emit) => {
    const sd = r() < 0.3 ? `[meta@32473 seq="${int(r, 1e6)}" region="eu-west-${1 + int(r, 3)}"]` : "-";
    emit(`<${pri(e)}>1 ${isoZ(e.ms)} ${e.host} ${e.process} ${e.pid} ${r() < 0.5 ? "-" : `ID${int(r, 100)}`} ${sd} ${e.message}`);
  },
  // pino/zap-like objects: one shape per file, as one application writes, with an error field on errors.
  json: (e, r, emit) => {
    const record: Record<string, string | number> = { time: isoZ(e.ms), level: e.level.toLowerCase(), logger: e.process, host: e.host, pid: e.pid, msg: e.message, request_id: hex(r, 16) };
    if (e.level === "ERROR") record.error = `connection reset by peer (${ip(r)}:${5432 + int(r, 3)})`;
    emit(JSON.stringify(record));
  },
  // Errors go to stderr; one record in 50 is split into a partial (P) line and its full (F) end.
  cri: (e, r, emit) => {
    const stamp = `${isoZ(e.ms).slice(0, 23)}${String(int(r, 1e6)).padStart(6, "0")}Z`;
    const stream = e.level === "ERROR" || e.level === "WARN" ? "stderr" : "stdout";
    const text = `${e.level.toLowerCase()} ${e.process}: ${e.message}`;
    if (r() < 0.02) {
      const cut = text.length >> 1;
      emit(`${stamp} ${stream} P ${text.slice(0, cut)}`);
      emit(`${stamp} ${stream} F ${text.slice(cut)}`);
    } else emit(`${stamp} ${stream} F ${text}`);
  },
  access: (e, r, emit) => {
    const t = parts(e.ms);
    const when = `${p2(t.d)}/${MONTHS[t.mo]}/${t.y}:${t.h}:${t.mi}:${t.s} +0000`;
    const referer = r() < 0.5 ? "-" : `https://shop.example.com${path(r)}`;
    emit(`${ip(r)} - ${r() < 0.1 ? pick(r, USERS) : "-"} [${when}] "${pick(r, ["GET", "GET", "GET", "POST", "PUT"])} ${path(r)} HTTP/1.1" ${pick(r, STATUSES)} ${int(r, 50000)} "${referer}" "${pick(r, UAS)}"`);
  },
  w3c: (e, r, emit) => {
    const ua = pick(r, UAS).replace(/ /g, "+");
    const query = r() < 0.3 ? `id=${int(r, 1e5)}` : "-";
    emit(`${isoZ(e.ms).slice(0, 10)} ${isoZ(e.ms).slice(11, 19)} 10.1.0.${1 + int(r, 4)} ${pick(r, ["GET", "GET", "POST"])} ${path(r)} ${query} 443 - ${ip(r)} ${ua} - ${pick(r, STATUSES)} 0 ${pick(r, [0, 0, 0, 64, 1236])} ${int(r, 3000)}`);
  },
  // log4j2's default pattern; one ERROR in three carries a stack trace (continuation lines).
  timestamped: (e, r, emit) => {
    const t = parts(e.ms);
    const logger = pick(r, JAVA_LOGGERS);
    emit(`${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${t.h}:${t.mi}:${t.s},${t.ms} [${pick(r, ["main", "http-nio-8080-exec-", "async-"])}${int(r, 20)}] ${e.level.padEnd(5)} ${logger} - ${e.message}`);
    if (e.level !== "ERROR" || r() >= 0.33) return;
    emit(`java.lang.IllegalStateException: request ${hex(r, 8)} failed after ${int(r, 5)} retries`);
    for (let i = 0; i < 3; i++) emit(`\tat ${logger.replace(/^c\.e\./, "com.example.")}.handle(${logger.split(".").pop() ?? "Main"}.java:${10 + int(r, 400)})`);
  },
  // Loghub's HDFS layout: `yyMMdd HHmmss pid LEVEL component: content`, block ids in most messages.
  "loghub-hdfs": (e, r, emit) => {
    const t = parts(e.ms);
    emit(`${String(t.y % 100)}${p2(t.mo + 1)}${p2(t.d)} ${t.h}${t.mi}${t.s} ${e.pid % 400} ${e.level === "DEBUG" ? "INFO" : e.level} ${pick(r, HDFS_COMPONENTS)}: ${pick(r, HDFS_MESSAGES)(r)}`);
  },
};

export const FIRST_RECORD_MS = Date.UTC(2024, 10, 12, 5, 0, 0);

/**
 * The log `name` (a key of WRITERS) with at least `lines` lines, seeded: written once to bench/out and
 * reused while the name, size, seed and generator are unchanged.
 */
export async function ensureFormatLog(name: string, lines: number, seed: number): Promise<string> {
  const writer = WRITERS[name];
  if (writer === undefined) throw new RangeError(`No generator for "${name}"; known: ${Object.keys(WRITERS).join(", ")}`);
  await mkdir(OUT_DIR, { recursive: true });
  const log = join(OUT_DIR, `format-${name}-${lines}-seed${seed}.log`);
  const stamp = `${log}.args.json`;
  const wanted = JSON.stringify({ name, lines, seed, version: GENERATOR_VERSION });
  if (existsSync(log) && existsSync(stamp) && (await readFile(stamp, "utf8")) === wanted) return log;

  process.stdout.write(`Generating ${lines.toLocaleString("en")} lines of ${name} (seed ${seed})...\n`);
  const r = rng(seed);
  const pids = HOSTS.map(() => SERVICES.map(() => 300 + int(r, 60000)));
  const partial = `${log}.partial`;
  const file = await open(partial, "w");
  let batch: string[] = [];
  const emit = (line: string) => batch.push(line);
  let written = 0;
  let records = 0;
  let ms = FIRST_RECORD_MS;
  try {
    while (written + batch.length < lines) {
      // IIS writes its directives at the top of the file and again after each restart.
      if (name === "w3c" && records % 100_000 === 0) W3C_HEAD.forEach(emit);
      ms += int(r, 400);
      const h = int(r, HOSTS.length);
      const s = int(r, SERVICES.length);
      const service = SERVICES[s] as (typeof SERVICES)[number];
      writer({ ms, host: HOSTS[h] ?? "", process: service.name, pid: pids[h]?.[s] ?? 1, level: pick(r, LEVELS), message: pick(r, service.messages)(r) }, r, emit);
      records++;
      if (batch.length >= 10_000) {
        await file.write(`${batch.join("\n")}\n`);
        written += batch.length;
        batch = [];
      }
    }
    await file.write(batch.length > 0 ? `${batch.join("\n")}\n` : "");
  } finally {
    await file.close();
  }
  // Renamed when complete, so that an interrupted run never leaves a short log that looks finished.
  await rename(partial, log);
  await writeFile(stamp, wanted);
  return log;
}
