import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { compileTimeFormat } from "./time-format";
import { parseTimestamp } from "./timestamps";
import type { FormatDefinition, FormatOptions, LineParser, MaskSpec, RecordFields, Stamp } from "./types";

/**
 * Declared formats in logparser's syntax (`<Date> <Time> <Level> <Component>: <Content>`), the way
 * logparser's `generate_logformat_regex` reads them: each `<Field>` becomes a lazy group `.*?`,
 * every run of spaces `\s+`, and the whole is anchored `^...$`. logparser pastes the text between
 * fields into the regex as it is, which is why its published formats escape brackets (`\[<Pid>\]`)
 * and mark optional parts (`(\[<PID>\])?`). We read that text as literal except for exactly those
 * two devices, so any published log_format works unchanged and a plain `[<Time>]` still means a
 * bracket: `\x` is the character x (`\s \S \d \D \w \W \t` keep their regex meaning), and `(...)?`
 * is an optional part. Any other `(`, `)`, `|`, `.`, `*`... is literal text.
 */

/** The record fields a template's fields can fill (docs/pipeline.md §1b). */
type Role = "host" | "process" | "level";

/** Where a role comes from: a field of the template, a fixed text, or nowhere (empty string). */
export type RoleSource = string | { text: string } | null;

/** What a preset says beyond its template (loghub-presets.ts). */
export interface TemplateFormatSettings {
  name?: string;
  description?: string;
  masks?: readonly MaskSpec[];
  /** Fields logparser named after something else (Linux's `<Level>` holds the host). */
  roles?: Partial<Record<Role, RoleSource>>;
}

// Field names per role, first present wins (compared without case).
const TIME_ALONE = ["timestamp", "datetime"];
const TIME_PARTS = ["year", "month", "date", "day", "time"];
const ROLE_FIELDS: Record<Role, readonly string[]> = {
  host: ["host", "hostname", "node"],
  process: ["component", "program", "logger", "process", "tag"],
  level: ["level", "severity"],
};
const CONTENT = "content";
const FIELD = /^<([A-Za-z_][\w-]*)>/;
const CLASS_ESCAPES = "sSdDwWt";

export interface CompiledTemplate {
  regex: RegExp;
  /** Field names in template order; field i is capture group i + 1. */
  fields: string[];
}

/** A template cut into pieces: a field, a literal character, a run of spaces, a class escape, `(` or `)?`. */
type Item =
  | { kind: "field"; name: string }
  | { kind: "char"; char: string }
  | { kind: "spaces" }
  | { kind: "class"; escape: string }
  | { kind: "open"; close: number }
  | { kind: "close" };

/**
 * The regex of a template; UserInputError for one without fields or with a field twice.
 * One departure from logparser, for speed: a field other than `<Content>` never holds the text that
 * ends it (blanks where blanks follow, `: ` where `: ` follows). logparser's lazy `.*?` fields may,
 * but only by backtracking, which takes time exponential in the number of fields on a long line
 * that does not fit (minutes for one 4 KiB line); on the 16 Loghub samples both read every line alike.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const items = splitTemplate(template);
  const fields: string[] = [];
  const atomic = atomicSpaces();
  let regex = "";
  items.forEach((item, i) => {
    if (item.kind === "field") {
      if (fields.some((f) => f.toLowerCase() === item.name.toLowerCase())) {
        throw new UserInputError(`The format template ${quoteInput(template)} names <${item.name}> twice: give each field its own name, such as <Date> and <Time>.`);
      }
      const stop = item.name.toLowerCase() === CONTENT ? null : stopPattern(items, i + 1, atomic);
      regex += stop === null ? `(?<f${fields.length}>.*?)` : `(?<f${fields.length}>(?:(?!${stop}).)*?)`;
      fields.push(item.name);
    } else if (item.kind === "char") regex += escapeRegex(item.char);
    // From the run's first blank only: a lazy field backing off through a run of blanks would
    // otherwise try the separator at each of its positions, reading the rest of the run each time.
    else if (item.kind === "spaces") regex += `(?<!\\s)${atomic()}`;
    else if (item.kind === "class") regex += `\\${item.escape}`;
    else regex += item.kind === "open" ? "(?:" : ")?";
  });
  if (fields.length === 0) {
    throw new UserInputError(`The format template ${quoteInput(template)} names no field: write the fields in angle brackets, such as "<Date> <Time> <Level>: <Content>".`);
  }
  return { regex: new RegExp(`^${regex}$`), fields };
}

/**
 * Emits logparser's `\s+` as an atomic run: it takes every blank there and never gives one back
 * (JavaScript has no possessive `\s++`; a lookahead's capture, matched again by reference, is the
 * same). With the backtracking `\s+`, a line with a long run of blanks that does not fit split the
 * run between the separators in every possible way, empty fields between them: a BGL line with 1,000
 * blanks in it held HDFS's template (five separators) for minutes, and format detection with it.
 * Each call names its own group.
 */
function atomicSpaces(): () => string {
  let count = 0;
  return () => {
    const name = `s${count++}`;
    return `(?=(?<${name}>\\s+))\\k<${name}>`;
  };
}

function splitTemplate(template: string): Item[] {
  const pairs = pairOptionalGroups(template);
  const items: Item[] = [];
  const opened: number[] = [];
  for (let i = 0; i < template.length; ) {
    const c = template[i] as string;
    const field = c === "<" ? FIELD.exec(template.slice(i)) : null;
    if (field !== null) {
      items.push({ kind: "field", name: field[1] as string });
      i += field[0].length;
    } else if (c === " ") {
      while (template[i] === " ") i++;
      items.push({ kind: "spaces" });
    } else if (c === "\\" && i + 1 < template.length) {
      const next = template[i + 1] as string;
      items.push(CLASS_ESCAPES.includes(next) ? { kind: "class", escape: next } : { kind: "char", char: next });
      i += 2;
    } else if (c === "(" && pairs.has(i)) {
      opened.push(items.length);
      items.push({ kind: "open", close: -1 });
      i++;
    } else if (c === ")" && pairs.has(i)) {
      const open = items[opened.pop() as number];
      if (open?.kind === "open") open.close = items.length;
      items.push({ kind: "close" });
      i += 2;
    } else {
      items.push({ kind: "char", char: c });
      i++;
    }
  }
  return items;
}

/**
 * The text that ends the field before item `from`, as a regex: the literal text up to the next
 * field, `|`-joined over the ways through optional parts (with and without them). Null when some
 * way meets a field or the end of the template at once, so nothing bounds the field.
 */
function stopPattern(items: readonly Item[], from: number, atomic: () => string): string | null {
  const stops: string[] = [];
  const walk = (i: number, text: string): boolean => {
    for (; ; i++) {
      const item = items[i];
      if (item === undefined || item.kind === "field") {
        if (text === "") return false;
        stops.push(text);
        return true;
      }
      if (item.kind === "open") return walk(i + 1, text) && walk(item.close + 1, text);
      if (item.kind === "char") text += escapeRegex(item.char);
      // A stop that begins with blanks is tried only where a run of blanks begins: tried inside the
      // run too, each position would read the rest of the run again (quadratic in its length).
      else if (item.kind === "spaces") text += text === "" ? `(?<!\\s)${atomic()}` : atomic();
      else if (item.kind === "class") text += `\\${item.escape}`;
    }
  };
  return walk(from, "") ? [...new Set(stops)].join("|") : null;
}

/**
 * A FormatDefinition for a declared template (its name is the template) or, with settings, for a
 * preset. Refuses with a UserInputError a template without `<Content>` or without a time field.
 */
export function templateFormat(template: string, settings: TemplateFormatSettings = {}): FormatDefinition {
  const { regex, fields } = compileTemplate(template);
  const lower = fields.map((f) => f.toLowerCase());
  const content = lower.indexOf(CONTENT);
  if (content < 0) {
    throw new UserInputError(`The format template ${quoteInput(template)} has no <Content> field: mark the free text of each line with <Content>, as in "<Date> <Time> <Level>: <Content>".`);
  }
  const alone = TIME_ALONE.map((name) => lower.indexOf(name)).find((i) => i >= 0);
  // Date, time and their parts in the order the line writes them (`Jun 14 15:16:01`, `081109 203615`).
  const timeFields = alone !== undefined ? [alone] : lower.flatMap((name, i) => (TIME_PARTS.includes(name) ? [i] : []));
  if (timeFields.length === 0) {
    throw new UserInputError(
      `The format template ${quoteInput(template)} has no time field: name the part of the line that holds the time <Date>, <Time> or <Timestamp> (or <Month> <Day> <Time> and the like).`,
    );
  }
  const roles = (Object.keys(ROLE_FIELDS) as Role[]).map((role) => roleReader(role, settings.roles?.[role], fields, template));
  return {
    name: settings.name ?? template,
    description: settings.description ?? `Declared logparser template ${template}`,
    continuations: true,
    masks: settings.masks ?? [],
    createParser(options: FormatOptions): LineParser {
      const readTime = options.timeFormat === undefined ? parseTimestamp : compileTimeFormat(options.timeFormat);
      const [host, process, level] = roles as [Reader, Reader, Reader];
      return {
        parseLine(line: string): RecordFields | null {
          const m = regex.exec(line.endsWith("\r") ? line.slice(0, -1) : line);
          if (m === null) return null;
          const stamp: Stamp | null = readTime(timeFields.map((i) => fieldOf(m, i).trim()).join(" "));
          if (stamp === null) return null;
          return { stamp, host: host(m), process: process(m), level: level(m), message: fieldOf(m, content) };
        },
      };
    },
  };
}

type Reader = (m: RegExpExecArray) => string;

/** The text of the template's field number `index` (compileTemplate names them f0, f1, ...). */
const fieldOf = (m: RegExpExecArray, index: number): string => m.groups?.[`f${index}`] ?? "";

function roleReader(role: Role, source: RoleSource | undefined, fields: string[], template: string): Reader {
  if (source === null) return () => "";
  if (typeof source === "object") return () => source.text;
  const lower = fields.map((f) => f.toLowerCase());
  const index = source === undefined ? ROLE_FIELDS[role].map((name) => lower.indexOf(name)).find((i) => i >= 0) : lower.indexOf(source.toLowerCase());
  if (index === -1) throw new RangeError(`Template "${template}" has no field <${String(source)}> for the ${role}`);
  if (index === undefined) return () => "";
  return (m) => fieldOf(m, index).trim();
}

/** Positions of `(` and `)` that open and close an optional part `(...)?`; unescaped and balanced. */
function pairOptionalGroups(template: string): Set<number> {
  const open: number[] = [];
  const pairs = new Set<number>();
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "\\") i++;
    else if (c === "(") open.push(i);
    else if (c === ")") {
      const start = open.pop();
      if (start !== undefined && template[i + 1] === "?") {
        pairs.add(start);
        pairs.add(i);
      }
    }
  }
  return pairs;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
