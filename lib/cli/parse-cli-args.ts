import { parseArgs } from "node:util";
import type { z } from "zod";
import { UserInputError } from "@/lib/domain/user-input-error";
import { isFormatParam } from "@/lib/pipeline/format-params";

/** What was wrong with the command line, for a command that words its refusals itself. */
export interface ArgumentProblem {
  kind: "unknown-option" | "missing-value" | "missing-positional" | "extra-positional" | "other";
  /** The option at fault, e.g. "--bogus" (unknown-option and missing-value). */
  option?: string;
  /** Node's own first sentence, e.g. "Unknown option '--bogus'". */
  detail: string;
}

export interface CliSpec {
  /** Usage line shown with every argument error and by --help. */
  usage: string;
  /** More text printed by --help after the usage line (a blank line between). */
  help?: string;
  /** Long option names (kebab-case) that take a value. */
  valueOptions: readonly string[];
  /** Long option names that are plain switches. */
  flagOptions?: readonly string[];
  /** Value options that may be given several times (`--mask a --mask b`): their value is a list. */
  multipleOptions?: readonly string[];
  /** How many positional arguments (e.g. the log path) are required. */
  positionals: number;
  /** The sentence for an argument error; by default Node's own, then the usage line. */
  describe?: (problem: ArgumentProblem) => string;
}

export interface CliArgs {
  positionals: string[];
  /** Option values keyed by their schema field (`--min-samples` -> `minSamples`, `--mask` -> `masks`). */
  values: Record<string, string | boolean | string[]>;
}

/** `min-samples` -> `minSamples`: a flag's value is stored under its schema field's name. */
export const toCamel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `minSamples` -> `min-samples`: the one mapping from a schema field to its CLI flag. */
export const toKebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// List parameters take one item per flag, so their flag is singular: `--mask a --mask b` fills `masks`.
const LIST_FLAGS: Record<string, string> = { fields: "field", masks: "mask" };

/** A schema field's flag name: `minSamples` -> `min-samples`, `masks` -> `mask`. */
export const flagOf = (field: string) => LIST_FLAGS[field] ?? toKebab(field);

/** The schema field a flag fills: the inverse of flagOf. */
export const fieldOfFlag = (flag: string) => Object.keys(LIST_FLAGS).find((field) => LIST_FLAGS[field] === flag) ?? toCamel(flag);

/** Flags that may be repeated: those of list parameters. */
export const LIST_FLAG_NAMES: readonly string[] = Object.values(LIST_FLAGS);

/** The flag names of a zod object's fields, in the schema's order. */
export function flagsOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape).map(flagOf);
}

/**
 * The refusal of options checked by a schema: the first offending field, named by its flag
 * ("Option --min-samples: min samples must be at least 1."). Format options are refused with the
 * formats code's own sentence, which names the flag itself ("--tz "Mars/Base" is not a time zone...").
 */
export function optionError(errors: Record<string, string>): UserInputError {
  const [field, message] = Object.entries(errors)[0] ?? ["input", "invalid options"];
  if (isFormatParam(field)) return new UserInputError(`${message}.`);
  return new UserInputError(`Option --${flagOf(field)}: ${message}.`);
}

const NODE_CODES: Record<string, ArgumentProblem["kind"]> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: "unknown-option",
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "missing-value",
};

function defaultDescription(problem: ArgumentProblem, usage: string): string {
  const what =
    problem.kind === "missing-positional" ? "Missing the log file" : problem.kind === "extra-positional" ? "Too many arguments" : problem.detail;
  return `${what}. Usage: ${usage}`;
}

/** Turns argv into named values, refusing unknown options with a sentence that shows the usage. */
export function parseCliArgs(argv: string[], spec: CliSpec): CliArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const name of spec.valueOptions) options[name] = { type: "string", multiple: spec.multipleOptions?.includes(name) === true };
  for (const name of spec.flagOptions ?? []) options[name] = { type: "boolean" };
  options.help = { type: "boolean", short: "h" };
  const refuse = (problem: ArgumentProblem) =>
    new UserInputError(spec.describe ? spec.describe(problem) : defaultDescription(problem, spec.usage));
  // parseArgs refuses "--eps -1" as ambiguous; joining value options to their value lets the
  // range check say what is wrong with -1 instead.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const next = argv[i + 1];
    if (token.startsWith("--") && spec.valueOptions.includes(token.slice(2)) && next !== undefined) {
      args.push(`${token}=${next}`);
      i++;
    } else args.push(token);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node appends advice about "--" to unknown options; the first sentence is the useful part.
    const text = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    throw refuse({
      kind: (typeof code === "string" && NODE_CODES[code]) || "other",
      option: /'(-[^' ]*)/.exec(text)?.[1],
      detail: text.split(/\.\s|\n/)[0] ?? text,
    });
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${spec.usage}\n${spec.help ? `\n${spec.help}\n` : ""}`);
    process.exit(0);
  }
  if (parsed.positionals.length !== spec.positionals) {
    const missing = parsed.positionals.length < spec.positionals;
    throw refuse({ kind: missing ? "missing-positional" : "extra-positional", detail: missing ? "Missing an argument" : "Too many arguments" });
  }
  const values: Record<string, string | boolean | string[]> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (key === "help" || value === undefined) continue;
    if (Array.isArray(value)) values[fieldOfFlag(key)] = value.filter((item): item is string => typeof item === "string");
    else if (typeof value !== "object") values[fieldOfFlag(key)] = value;
  }
  return { positionals: parsed.positionals, values };
}
