import { z } from "zod";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { resolveFormat } from "@/lib/logs/formats/registry";
import { compileTimeFormat } from "@/lib/logs/formats/time-format";
import { resolveTimeZone } from "@/lib/logs/formats/time-zone";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { compileMasks } from "@/lib/logs/templates/custom-masks";
import { formatFieldsText, formatMasksText, parseFieldsText, parseMasksText } from "./format-option-text";

/**
 * The log-format parameters of a run (docs/pipeline.md §1b), part of the one training schema
 * (params.ts) so the CLI, the actions and the API accept and refuse the same values:
 *
 * | field | CLI | API / form | output |
 * |---|---|---|---|
 * | format | `--format F` | `format` | "auto" (default), a name, `loghub:<Name>` or a template |
 * | tz | `--tz Z` | `tz` | an IANA zone or offset, or absent (UTC) |
 * | fields | `--field time=path` (repeatable) | `fields=time=a.b,host=c` (JSON: also an array) | canonical text, see format-option-text.ts |
 * | masks | `--mask REGEX[=NAME]` (repeatable) | `masks`, one per line (JSON: also an array) | canonical text |
 * | timeFormat | `--time-format P` | `timeFormat` | a strftime-style pattern, or absent |
 *
 * Lists travel as text so that every parameter is one scalar: a stored run's parameters go back
 * into hidden form fields and URLs unchanged (Retry, Re-run). `formatOptionsOf` gives the objects.
 * Their refusals are the formats code's own sentences (which name the CLI flag, as its sentences
 * do everywhere), kept without the final period like every schema message.
 */

export const FORMAT_PARAM_KEYS = ["format", "tz", "fields", "masks", "timeFormat"] as const;
export type FormatParamKey = (typeof FORMAT_PARAM_KEYS)[number];

/** Longer than this is no zone, pattern or template: refused before any parsing. */
const MAX_TEXT = 2000;

/** A sentence as a schema message: summarizeErrors (API) and optionError (CLI) add the period back. */
const asMessage = (sentence: string) => sentence.replace(/\.\s*$/, "");

/** Runs a formats-code check that throws a UserInputError, as a zod issue carrying its sentence. */
function sentenceOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!isUserInputError(error)) throw error;
    return asMessage(error.message);
  }
}

function optionalText(flag: string, example: string, check: (value: string) => unknown) {
  return z
    .string({ error: `${flag} must be text such as ${example}` })
    .trim()
    .max(MAX_TEXT, `${flag} must be at most ${MAX_TEXT} characters`)
    .transform((value, ctx) => {
      if (value === "") return undefined;
      const problem = sentenceOf(() => check(value));
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
      return value;
    })
    .optional();
}

/** A list given as one string (API, form) or several (repeated CLI flags, JSON arrays). */
function listText(flag: string, example: string, canonical: (items: string | string[]) => { text?: string; problem?: string }) {
  return z
    .union([z.string().max(MAX_TEXT * 10), z.array(z.string().max(MAX_TEXT))], {
      error: `${flag} must be text such as ${example}, or a list of them`,
    })
    .transform((value, ctx) => {
      const { text, problem } = canonical(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      return text;
    })
    .optional();
}

function canonicalFields(items: string | string[]): { text?: string; problem?: string } {
  const parsed = parseFieldsText(items);
  return parsed.ok ? { text: formatFieldsText(parsed.value) } : { problem: parsed.error };
}

function canonicalMasks(items: string | string[]): { text?: string; problem?: string } {
  const masks = parseMasksText(items);
  const problem = masks ? sentenceOf(() => compileMasks(masks)) : null;
  return problem === null ? { text: formatMasksText(masks) } : { problem };
}

/** Spread into detectParamsSchema: the five fields of the table above. */
export const formatParamsShape = {
  format: z
    .string({ error: "--format must be text: auto, a format name such as json, or a template" })
    .trim()
    .max(MAX_TEXT, `--format must be at most ${MAX_TEXT} characters`)
    .transform((value) => (value === "" ? "auto" : value))
    .default("auto"),
  tz: optionalText("--tz", "Europe/Paris or +02:00", resolveTimeZone),
  fields: listText("--field", "time=ts", canonicalFields),
  masks: listText("--mask", "blk_-?\\d+=BLOCK", canonicalMasks),
  timeFormat: optionalText("--time-format", "%d/%m/%Y:%H:%M:%S", compileTimeFormat),
};

/** The format parameters as the schema outputs them. */
export interface FormatParams {
  format: string;
  tz?: string;
  fields?: string;
  masks?: string;
  timeFormat?: string;
}

/** The objects the extractor and the registry take, from the schema's text forms (absent options left out). */
export function formatOptionsOf(params: FormatParams): FormatOptions {
  const options: FormatOptions = { format: params.format };
  if (params.tz !== undefined) options.tz = params.tz;
  const fields = params.fields === undefined ? undefined : parseFieldsText(params.fields);
  if (fields?.ok && fields.value) options.fields = fields.value;
  const masks = params.masks === undefined ? undefined : parseMasksText(params.masks);
  if (masks) options.masks = masks;
  if (params.timeFormat !== undefined) options.timeFormat = params.timeFormat;
  return options;
}

/**
 * What the fields alone cannot tell: whether the format names one the registry knows and, for a
 * template, whether it has a time and a `<Content>` field, with the other options it would be read
 * with. Null when it is fine (or "auto": detection decides when the log is read).
 */
export function checkFormatChoice(params: FormatParams): Record<string, string> | null {
  if (params.format === "auto") return null;
  const problem = sentenceOf(() => resolveFormat(formatOptionsOf(params)));
  return problem === null ? null : { format: problem };
}

/** Whether a field's refusal is one of the formats code's sentences (printed by the CLI as it is). */
export function isFormatParam(field: string): field is FormatParamKey {
  return (FORMAT_PARAM_KEYS as readonly string[]).includes(field);
}
