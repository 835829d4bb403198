import { parseArgs } from "node:util";
import { UserInputError } from "@/lib/pipeline/errors";

export interface CliSpec {
  /** Usage line shown with every argument error. */
  usage: string;
  /** Long option names (kebab-case) that take a value. */
  valueOptions: readonly string[];
  /** Long option names that are plain switches. */
  flagOptions?: readonly string[];
  /** How many positional arguments (e.g. the log path) are required. */
  positionals: number;
}

export interface CliArgs {
  positionals: string[];
  /** Option values keyed by camelCase name (`--min-samples` -> `minSamples`). */
  values: Record<string, string | boolean>;
}

const toCamel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Turns argv into named values, refusing unknown options with a sentence that shows the usage. */
export function parseCliArgs(argv: string[], spec: CliSpec): CliArgs {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const name of spec.valueOptions) options[name] = { type: "string" };
  for (const name of spec.flagOptions ?? []) options[name] = { type: "boolean" };
  options.help = { type: "boolean" };
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
    const detail = (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0];
    throw new UserInputError(`${detail}. Usage: ${spec.usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${spec.usage}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length !== spec.positionals) {
    const what = parsed.positionals.length < spec.positionals ? "Missing the log file" : "Too many arguments";
    throw new UserInputError(`${what}. Usage: ${spec.usage}`);
  }
  const values: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (key !== "help" && value !== undefined && typeof value !== "object") values[toCamel(key)] = value;
  }
  return { positionals: parsed.positionals, values };
}
