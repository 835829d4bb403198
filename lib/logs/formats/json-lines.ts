import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { parseTimestamp } from "./timestamps";
import type { FieldOverrides, FormatDefinition, LineParser, LineVerdict, Stamp } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); the time of every record goes through it.
const readTimestamp = parseTimestamp;

/**
 * JSON Lines: one JSON object per line (journald `-o json`, Docker json-file, Bunyan, Pino, zap,
 * logrus, Serilog CLEF, GELF, Elastic ECS, Google Cloud Logging exports).
 *
 * Each field is looked up under the names below, in this order; the first that holds a usable value
 * wins. A usable value is a string, number or boolean (objects, arrays and null are skipped, so ECS's
 * `host` object falls through to `host.name`); for time it must also read as a timestamp, so a
 * `time: "12ms"` duration falls through to the next name. Numbers are written as text (Pino's
 * `level: 30` is `"30"`); epoch numbers get their unit from their magnitude (parseTimestamp), so
 * journald's `__REALTIME_TIMESTAMP` microseconds read correctly.
 *
 * A dotted name such as `host.name` matches a key spelled with the dot (`{"host.name": ...}`) and
 * nested objects (`{"host": {"name": ...}}`); at each level the literal rest of the name is tried
 * before descending into the first segment. `--field time=ctx.when` (FormatOptions.fields) replaces
 * a field's list with that one path. A line that is not a JSON object, or has no readable time, is
 * not a record. The process has a trailing `[pid]` removed; Docker's `log` loses its trailing newline.
 * A record where no message name holds a usable value has the whole line as its message.
 */
export const JSON_FIELD_NAMES = {
  time: [
    "@timestamp", "timestamp", "time", "ts", "__REALTIME_TIMESTAMP", "_SOURCE_REALTIME_TIMESTAMP",
    "date", "datetime", "t.$date", "t", "@t", "receiveTimestamp", "fields.timestamp", "eventTime", "asctime",
  ],
  message: [
    "message", "msg", "MESSAGE", "log", "textPayload", "jsonPayload.message", "event.original",
    "fields.message", "@m", "@mt", "short_message", "full_message", "protoPayload.methodName",
  ],
  host: [
    "host", "hostname", "_HOSTNAME", "host.name", "host.hostname", "kubernetes.host",
    "kubernetes.node_name", "resource.labels.instance_id", "resource.labels.node_name", "node", "MachineName",
  ],
  // Logger names before process names: ECS's `log.logger` says more than its `process.name`.
  process: [
    "SYSLOG_IDENTIFIER", "logger", "logger_name", "log.logger", "name", "component", "app", "service.name",
    "kubernetes.container_name", "process.name", "_COMM", "SourceContext", "target", "tag", "program",
    "protoPayload.serviceName",
  ],
  // `stream` (Docker's stdout/stderr) comes last, as the cri format's level does.
  level: ["level", "severity", "PRIORITY", "log.level", "levelname", "lvl", "@l", "loglevel", "level_name", "stream"],
} as const satisfies Record<JsonField, readonly string[]>;

type JsonField = "time" | "host" | "process" | "level" | "message";
type JsonObject = Record<string, unknown>;

/** A name compiled once: its segments and, for each depth, the literal rest of the name. */
interface JsonPath {
  segments: readonly string[];
  rests: readonly string[];
  /** Docker json-file's `log` ends with the line's `\n`, which is not part of the message. */
  stripNewline: boolean;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compilePath(name: string): JsonPath {
  const segments = name.split(".");
  const rests = segments.map((_, i) => segments.slice(i).join("."));
  return { segments, rests, stripNewline: name === "log" };
}

function lookup(object: JsonObject, path: JsonPath): unknown {
  let node = object;
  const last = path.segments.length - 1;
  for (let depth = 0; ; depth++) {
    const literal = node[path.rests[depth] ?? ""];
    if (literal !== undefined || depth === last) return literal;
    const child = node[path.segments[depth] ?? ""];
    if (!isObject(child)) return undefined;
    node = child;
  }
}

/** A scalar as text, or null for objects, arrays, null and absent values. */
function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  return null;
}

/**
 * Which names of which fields can match through each top-level key: a name is reachable through its
 * literal spelling (`host.name`) and through its first segment (`host`). A line's object is walked
 * once, key by key, instead of probing every name (most of them miss on any given log); each hit is
 * `slot * 32 + rank`, slot being the field's index in FIELD_SLOTS and rank the name's position.
 */
const FIELD_SLOTS = ["time", "host", "process", "level", "message"] as const satisfies readonly JsonField[];

interface FieldIndex {
  /** Per slot, the names in order of preference (at most 31, so a rank fits an int's bits). */
  paths: readonly (readonly JsonPath[])[];
  byKey: Map<string, number[]>;
}

function indexFields(perSlot: readonly (readonly JsonPath[])[]): FieldIndex {
  const byKey = new Map<string, number[]>();
  perSlot.forEach((slotPaths, slot) => {
    slotPaths.forEach((path, rank) => {
      for (const key of new Set([path.rests[0] ?? "", path.segments[0] ?? ""])) {
        const hits = byKey.get(key) ?? [];
        hits.push(slot * 32 + rank);
        byKey.set(key, hits);
      }
    });
  });
  return { paths: perSlot, byKey };
}

/** Sets `found[slot]` to the bit set of the ranks whose names may be present in `object`. */
function markCandidates(object: JsonObject, byKey: Map<string, number[]>, found: Int32Array): void {
  found.fill(0);
  for (const key in object) {
    const hits = byKey.get(key);
    if (hits === undefined) continue;
    for (const hit of hits) found[hit >> 5] = (found[hit >> 5] ?? 0) | (1 << (hit & 31));
  }
}

/** The lowest set bit's index: candidates are tried from the most preferred name. */
function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/** The first usable value among `paths`' candidates in `mask`, or null when none holds one. */
function textField(object: JsonObject, paths: readonly JsonPath[], mask: number): string | null {
  for (let m = mask; m !== 0; m &= m - 1) {
    const path = paths[lowestBit(m)];
    const text = path === undefined ? null : scalarText(lookup(object, path));
    if (path === undefined || text === null) continue;
    if (path.stripNewline && text.endsWith("\n")) return text.slice(0, text.endsWith("\r\n") ? -2 : -1);
    return text;
  }
  return null;
}

function timeField(object: JsonObject, paths: readonly JsonPath[], mask: number): Stamp | null {
  for (let m = mask; m !== 0; m &= m - 1) {
    const path = paths[lowestBit(m)];
    const text = path === undefined ? null : scalarText(lookup(object, path));
    const stamp = text === null ? null : readTimestamp(text);
    if (stamp !== null) return stamp;
  }
  return null;
}

/** `sshd[123]` → `sshd`: the record model's process carries no pid. */
function withoutPid(process: string): string {
  if (!process.endsWith("]")) return process;
  const open = process.lastIndexOf("[");
  if (open <= 0) return process;
  for (let i = open + 1; i < process.length - 1; i++) {
    const c = process.charCodeAt(i);
    if (c < 48 || c > 57) return process;
  }
  return open + 2 < process.length ? process.slice(0, open) : process;
}

/** The object on a line, or null; the first-character check spares JSON.parse's exception on text. */
export function parseJsonObject(text: string): JsonObject | null {
  // A file's byte order mark reaches its first line, and JSON.parse rejects it.
  const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (line.charCodeAt(i) !== 123) return null; // {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return isObject(value) ? value : null;
}

/** A `--field` path must name a key: no empty segment (`a..b`, `.a`, ``). */
function checkPathSyntax(field: string, path: string): void {
  if (path.split(".").some((segment) => segment === "")) {
    throw new UserInputError(`--field ${quoteInput(`${field}=${path}`)} is not a key path: write the key, with dots between nested keys (for example ${field}=ctx.when).`);
  }
}

/** Each field's names in FIELD_SLOTS order, an override replacing a field's whole list. */
function compileFields(overrides: FieldOverrides | undefined): JsonPath[][] {
  return FIELD_SLOTS.map((field) => {
    const override = overrides?.[field];
    if (override === undefined) return JSON_FIELD_NAMES[field].slice(0, 31).map(compilePath);
    checkPathSyntax(field, override);
    return [compilePath(override)];
  });
}

/**
 * Refuses a `--field` path under which no JSON object among `sampleLines` holds a string, number or
 * boolean: a misspelt key would otherwise leave every record without a time, or a field empty,
 * without a word. Samples without any JSON object prove nothing and pass; the path syntax is
 * checked either way. Throws a UserInputError whose message is one sentence.
 */
export function checkFieldOverrides(sampleLines: readonly string[], fields: FieldOverrides | undefined): void {
  if (fields === undefined) return;
  const entries = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  for (const [field, path] of entries) checkPathSyntax(field, path);
  const objects = sampleLines.map(parseJsonObject).filter((object): object is JsonObject => object !== null);
  if (objects.length === 0) return;
  for (const [field, path] of entries) {
    const compiled = compilePath(path);
    if (!objects.some((object) => scalarText(lookup(object, compiled)) !== null)) {
      throw new UserInputError(
        `--field ${quoteInput(`${field}=${path}`)}: none of the ${objects.length} JSON records sampled has a text or number under ${quoteInput(path)} (dots separate nested keys), so check its spelling.`,
      );
    }
  }
}

/**
 * The message of a record with no message name: the whole line, as docs/pipeline.md §1b gives a
 * format without a message field everything on the line (e.g. `{"ts":..,"event":"login","user":"bob"}`),
 * so the message features and template mining still see its content.
 */
function wholeLine(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

function createJsonParser(overrides: FieldOverrides | undefined): LineParser {
  const { paths, byKey } = indexFields(compileFields(overrides));
  const [time = [], host = [], process = [], level = [], message = []] = paths;
  const found = new Int32Array(FIELD_SLOTS.length);
  return {
    parseLine(line: string): LineVerdict {
      const object = parseJsonObject(line);
      if (object === null) return null;
      markCandidates(object, byKey, found);
      const stamp = timeField(object, time, found[0] ?? 0);
      if (stamp === null) return null;
      return {
        stamp,
        host: textField(object, host, found[1] ?? 0) ?? "",
        process: withoutPid(textField(object, process, found[2] ?? 0) ?? ""),
        level: textField(object, level, found[3] ?? 0) ?? "",
        message: textField(object, message, found[4] ?? 0) ?? wholeLine(line),
      };
    },
  };
}

export const jsonLines: FormatDefinition = {
  name: "json",
  description: "JSON Lines: one object per line (journald, Docker, Bunyan, Pino, ECS, Cloud Logging...)",
  continuations: false,
  masks: [],
  createParser: (options) => createJsonParser(options.fields),
};
