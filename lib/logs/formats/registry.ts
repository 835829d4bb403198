import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { compileMasks } from "../templates/custom-masks";
import { BUILT_IN_FORMATS } from "./built-in-formats";
import { LOGHUB_PRESETS } from "./loghub-presets";
import { templateFormat } from "./logparser-template";
import { syslogFormat } from "./syslog-format";
import { resolveTimeZone } from "./time-zone";
import { timestampedLines } from "./timestamped-lines";
import type { FormatDefinition, FormatOptions, MaskSpec } from "./types";

/** `--format` value (and the default) that asks for detection from a sample of the file. */
export const AUTO_FORMAT = "auto";

/** An example template, used in help and error sentences. */
export const TEMPLATE_EXAMPLE = "<Date> <Time> <Level>: <Content>";

// A declared template names at least one field in angle brackets (logparser's syntax).
const TEMPLATE_FIELD = /<[A-Za-z_][\w-]*>/;

/** A format settled for one file: its definition, the options its parser takes, the masks mining applies. */
export interface ResolvedFormat {
  definition: FormatDefinition;
  options: FormatOptions;
  /** The format's own masks (a Loghub preset's), then the analyst's `--mask`s. */
  masks: MaskSpec[];
}

/** Whether the options ask for detection (no format, or `auto`). */
export function isAutoFormat(options: FormatOptions): boolean {
  const name = options.format?.trim() ?? "";
  return name === "" || name.toLowerCase() === AUTO_FORMAT;
}

/** Every named format, in detection preference order (see detect-format.ts): built-ins, syslog, Loghub presets, the generic fallback. */
function namedFormats(): readonly FormatDefinition[] {
  return [...BUILT_IN_FORMATS, syslogFormat, ...LOGHUB_PRESETS, timestampedLines];
}

/** The formats detection tries, in its preference order for ties (declared templates are never guessed). */
export function detectionCandidates(): readonly FormatDefinition[] {
  return namedFormats();
}

/** For pickers and `--help`: `auto` first, then every named format, then how to declare a template. */
export function listFormats(): { name: string; description: string }[] {
  return [
    { name: AUTO_FORMAT, description: "Detect the format from the first 1000 lines (the default)" },
    ...namedFormats().map((f) => ({ name: f.name, description: f.description })),
    { name: TEMPLATE_EXAMPLE, description: "A declared logparser template: fields in angle brackets, <Content> is the message" },
  ];
}

/** The names for an error sentence: `auto, syslog, ..., loghub:Zookeeper or a template such as "..."`. */
export function formatNamesForHelp(): string {
  const names = [AUTO_FORMAT, ...namedFormats().map((f) => f.name)];
  return `one of ${names.join(", ")}, or a template such as "${TEMPLATE_EXAMPLE}"`;
}

/** A shorter list for detection's refusal: the built-in names, `loghub:<System>` and a template. */
export function formatKindsForHelp(): string {
  const names = [...BUILT_IN_FORMATS, syslogFormat, timestampedLines].map((f) => f.name);
  return `${names.join(", ")}, loghub:<System> for a Loghub sample's layout, or a template such as "${TEMPLATE_EXAMPLE}"`;
}

/** The definition a concrete `--format` value names; null for an unknown name. */
function findFormat(name: string): FormatDefinition | null {
  if (TEMPLATE_FIELD.test(name)) return templateFormat(name);
  const lower = name.toLowerCase();
  return namedFormats().find((f) => f.name.toLowerCase() === lower) ?? null;
}

/**
 * The format `options.format` names, with every option checked up front so that a typo is one
 * sentence before any reading: the zone (`--tz`), the masks, and whatever the format's own parser
 * refuses (a `--field` path's syntax, a template, a `--time-format`). Detection (`auto`) needs a
 * sample: call detectFormat for it; here it is a RangeError, a bug in the caller.
 */
export function resolveFormat(options: FormatOptions): ResolvedFormat {
  if (isAutoFormat(options)) {
    throw new RangeError(`resolveFormat needs a concrete format; "${AUTO_FORMAT}" is settled by detectFormat on a sample`);
  }
  const name = (options.format ?? "").trim();
  const definition = findFormat(name);
  if (definition === null) {
    throw new UserInputError(`Unknown log format ${quoteInput(name)}: use ${formatNamesForHelp()}, which declares the fields in angle brackets with <Content> as the message.`);
  }
  return settle(definition, options);
}

/** The ResolvedFormat of a definition already chosen (by name or by detection), options checked. */
export function settle(definition: FormatDefinition, options: FormatOptions): ResolvedFormat {
  resolveTimeZone(options.tz);
  const masks = [...definition.masks, ...(options.masks ?? [])];
  compileMasks(masks);
  // Parsers are cheap to make; making one now surfaces FormatErrors before the file is read.
  definition.createParser(options);
  return { definition, options, masks };
}
