import { parseArgs } from "node:util";
import type { z } from "zod";
import { UserInputError } from "@/lib/domain/user-input-error";

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
  /** How many positional arguments (e.g. the log path) are required. */
  positionals: number;
  /** The sentence for an argument error; by default Node's own, then the usage line. */
  describe?: (problem: ArgumentProblem) => string;
}

export interface CliArgs {
  positionals: string[];
  /** Option values keyed by camelCase name (`--min-samples` -> `minSamples`). */
  values: Record<string, string | boolean>;
}

/** `min-samples` -> `minSamples`: a flag's value is stored under its schema field's name. */
export const toCamel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `minSamples` -> `min-samples`: the one mapping from a schema field to its CLI flag. */
export const toKebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag names of a zod object's fields, in the schema's order. */
export function flagsOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape).map(toKebab);
}

/**
 * The refusal of options checked by a schema: the first offending field, named by its flag
 * ("Option --min-samples: min samples must be at least 1.").
 */
export function optionError(errors: Record<string, string>): UserInputError {
  const [field, message] = Object.entries(errors)[0] ?? ["input", "invalid options"];
  return new UserInputError(`Option --${toKebab(field)}: ${message}.`);
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
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const name of spec.valueOptions) options[name] = { type: "string" };
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
  const values: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (key !== "help" && value !== undefined && typeof value !== "object") values[toCamel(key)] = value;
  }
  return { positionals: parsed.positionals, values };
}
