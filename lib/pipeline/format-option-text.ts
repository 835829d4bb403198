import { quoteInput } from "@/lib/domain/quote-input";
import type { FieldOverrides, MaskSpec } from "@/lib/logs/formats/types";

/**
 * The text forms of `--field` and `--mask` (docs/pipeline.md §1b), shared by the CLI, the API, the
 * New run form and a stored run's re-run. Every other run parameter is one scalar; these two are
 * lists, so they travel as one canonical string each:
 *
 * - fields: `name=path` pairs separated by commas or line breaks, e.g. `time=ts,host=ctx.node`
 *   (`name` is time, host, process, level or message; a path cannot hold a comma);
 * - masks: one `REGEX[=NAME]` per line. The text after the LAST `=` is the name when it looks like
 *   one (letters, digits, `_ . : -`) or is `*` (the default `<*>`); otherwise the whole line is the
 *   regex, so `user=\S+` is a regex. Write `REGEX=*` to keep a regex that ends in `=word` whole.
 *
 * No zod and no value imports: lib/domain/run-params.ts (browser-safe) formats stored runs with it.
 */

export const RECORD_FIELD_NAMES = ["time", "host", "process", "level", "message"] as const;
export type RecordFieldName = (typeof RECORD_FIELD_NAMES)[number];

/** What went wrong in a list, as one sentence without its final period (the schema's error style for format options). */
export type TextParse<T> = { ok: true; value: T } | { ok: false; error: string };

const MASK_NAME = /^(?:[A-Za-z0-9_.:-]+|\*)$/;

/** Entries of a list given as one string or as several (repeated CLI flags, JSON arrays, form fields). */
function entriesOf(input: string | readonly string[], separator: RegExp): string[] {
  const parts = typeof input === "string" ? [input] : input;
  return parts.flatMap((part) => part.split(separator));
}

export function parseFieldsText(input: string | readonly string[]): TextParse<FieldOverrides | undefined> {
  const fields: FieldOverrides = {};
  for (const raw of entriesOf(input, /[,\n]/)) {
    const entry = raw.trim();
    if (entry === "") continue;
    const at = entry.indexOf("=");
    const name = at < 0 ? entry : entry.slice(0, at).trim();
    const path = at < 0 ? "" : entry.slice(at + 1).trim();
    if (!(RECORD_FIELD_NAMES as readonly string[]).includes(name)) {
      return { ok: false, error: `--field ${quoteInput(entry)} names no record field: write name=path with name one of ${RECORD_FIELD_NAMES.join(", ")} (for example time=ts)` };
    }
    if (path === "") return { ok: false, error: `--field ${quoteInput(entry)} has no key path: write ${name}=path (for example ${name}=ctx.${name})` };
    const key = name as RecordFieldName;
    if (fields[key] !== undefined) return { ok: false, error: `--field ${name} is given twice (${quoteInput(fields[key])} and ${quoteInput(path)}): keep one` };
    fields[key] = path;
  }
  return { ok: true, value: Object.keys(fields).length === 0 ? undefined : fields };
}

/** `time=ts,host=ctx.node`, in record field order (so equal overrides have equal text). */
export function formatFieldsText(fields: FieldOverrides | null | undefined): string | undefined {
  if (!fields) return undefined;
  const pairs = RECORD_FIELD_NAMES.filter((name) => fields[name] !== undefined).map((name) => `${name}=${fields[name]}`);
  return pairs.length === 0 ? undefined : pairs.join(",");
}

export function parseMasksText(input: string | readonly string[]): MaskSpec[] | undefined {
  const masks: MaskSpec[] = [];
  for (const raw of entriesOf(input, /\n/)) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    const at = line.lastIndexOf("=");
    const name = at > 0 ? line.slice(at + 1) : "";
    if (at > 0 && MASK_NAME.test(name)) masks.push(name === "*" ? { pattern: line.slice(0, at) } : { pattern: line.slice(0, at), name });
    else masks.push({ pattern: line });
  }
  return masks.length === 0 ? undefined : masks;
}

/** One `REGEX[=NAME]` per line; parseMasksText reads it back to the same masks. */
export function formatMasksText(masks: readonly MaskSpec[] | null | undefined): string | undefined {
  if (!masks || masks.length === 0) return undefined;
  return masks.map(formatMask).join("\n");
}

function formatMask(mask: MaskSpec): string {
  if (mask.name !== undefined) return `${mask.pattern}=${mask.name}`;
  // A nameless regex ending in `=word` would read back as regex and name.
  const at = mask.pattern.lastIndexOf("=");
  return at > 0 && MASK_NAME.test(mask.pattern.slice(at + 1)) ? `${mask.pattern}=*` : mask.pattern;
}
