import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { inspectCommand } from "@/lib/cli/inspect-command";
import { flagsOf, LIST_FLAG_NAMES, parseCliArgs } from "@/lib/cli/parse-cli-args";
import { predictCommand } from "@/lib/cli/predict-command";
import { templatesCommand } from "@/lib/cli/templates-command";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { detectParamsSchema } from "@/lib/pipeline/params";
import { assertOneSentence } from "../server/http/one-sentence";

/**
 * Property-based fuzzing of the command line (fast-check, a fixed number of runs, all in-process):
 * random argv mixing the real flags (from the params schema), random values, repeats, `--flag=value`
 * and unicode go through parseCliArgs and through detect, predict, inspect and templates up to the
 * point where they would read the log. Each argv is parsed or refused with the project's own
 * one-sentence UserInputError; never an unexpected exception.
 */

const RUNS = 300;

// The schema's flags, as detect derives them, then the commands' own (they keep no exported list).
const FLAGS = [...flagsOf(detectParamsSchema), "out", "models-dir", "labels", "model", "json", "raw", "depth", "st", "help"];
const VALUE_FLAGS = FLAGS.filter((flag) => !["json", "raw", "help"].includes(flag));

// The commands run in an empty folder on a log that is not there: valid options end in "no log"
// (or another sentence about a place), and nothing is ever written.
const home = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "logscope-cli-fuzz-"));
before(() => process.chdir(dir));
after(() => {
  process.chdir(home);
  rmSync(dir, { recursive: true, force: true });
});

const io: CommandIo = { out: () => undefined, progress: () => undefined, live: false };

/**
 * --help prints the usage and exits: here it throws this instead, so the run goes on. Every command
 * parses its argv before its first await, so the stubs are needed (and kept) only while `run` starts:
 * the test runner's own output must not be swallowed while a command awaits.
 */
class HelpShown extends Error {}
async function withoutExit(run: () => unknown): Promise<unknown> {
  const exit = process.exit.bind(process);
  const write = process.stdout.write.bind(process.stdout);
  process.exit = () => {
    throw new HelpShown();
  };
  process.stdout.write = () => true;
  let started: unknown;
  try {
    started = run();
  } finally {
    process.exit = exit;
    process.stdout.write = write;
  }
  return await started;
}

/** A command's verdict: help, a refusal in one sentence, or (for a valid line) nothing thrown. */
async function takenOrRefused(run: () => unknown, argv: string[]): Promise<void> {
  try {
    await withoutExit(run);
  } catch (error) {
    if (error instanceof HelpShown) return;
    assert.ok(isUserInputError(error), `not a UserInputError for ${JSON.stringify(argv)}: ${error instanceof Error ? error.stack : String(error)}`);
    // A refusal may end with the command's usage line (parseCliArgs's default does): the sentence is before it.
    const message = error.message.replace(/ Usage: .*$/, "");
    assertOneSentence(message, JSON.stringify(argv));
  }
}

const value = fc.oneof(
  fc.constantFrom("auto", "0", "-1", "1e3", "60", "2005", "extended", "seed", "json", "loghub:HDFS", "<Date> <Time> <Content>", "UTC", "Mars/Base", "time=ts", "a(=X", "%Y", "", " ", "--", "-h", "nope.log"),
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.double().map(String),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const flag = fc.constantFrom(...FLAGS);
const token = fc.oneof(
  flag.map((name) => `--${name}`),
  fc.tuple(fc.constantFrom(...VALUE_FLAGS), value).map(([name, text]) => `--${name}=${text}`),
  fc.tuple(flag, fc.constantFrom("-", "--", "---", "-x", "--no-")).map(([name, prefix]) => `${prefix}${name}`),
  value,
);
// Mostly a flag followed by its value, so the checks behind the parser are reached too.
const argv = fc.array(fc.oneof({ weight: 3, arbitrary: fc.tuple(flag, value).map(([name, text]) => [`--${name}`, text]) }, token.map((t) => [t])), { maxLength: 6 }).map((parts) => parts.flat());
const withLog = fc.tuple(fc.boolean(), argv).map(([first, rest]) => (first ? ["missing.log", ...rest] : [...rest, "missing.log"]));

test("property: parseCliArgs parses random argv for a spec built from the real flags, or refuses in one sentence", async () => {
  const spec = fc.record({ positionals: fc.nat({ max: 2 }), multiple: fc.boolean() });
  await fc.assert(
    fc.asyncProperty(fc.oneof(argv, withLog), spec, async (args, { positionals, multiple }) => {
      await takenOrRefused(() => {
        const parsed = parseCliArgs(args, { usage: "u", valueOptions: VALUE_FLAGS, flagOptions: ["json", "raw"], multipleOptions: multiple ? LIST_FLAG_NAMES : [], positionals });
        assert.equal(parsed.positionals.length, positionals);
        for (const [key, item] of Object.entries(parsed.values)) assert.ok(typeof item === "string" || typeof item === "boolean" || Array.isArray(item), key);
      }, args);
    }),
    { numRuns: RUNS },
  );
});

test("property: detect, predict, inspect and templates take random argv only up to the missing log, or refuse it in one sentence", async () => {
  const commands = [detectCommand, predictCommand, inspectCommand, templatesCommand];
  await fc.assert(
    fc.asyncProperty(fc.oneof(withLog, argv), fc.nat({ max: commands.length - 1 }), async (args, which) => {
      const command = commands[which] ?? detectCommand;
      // A valid line must not get past the log that is not there: nothing is trained or written.
      await takenOrRefused(async () => {
        await command(args, io);
        assert.fail(`ran to the end: ${JSON.stringify(args)}`);
      }, args);
    }),
    { numRuns: RUNS },
  );
});

test("property: a control character or a quote in a --mask, --format, --tz, --time-format or --field value is shown escaped, and the refusal stays one line", async () => {
  const controls = fc.constantFrom("\n", "\r", "\u0000", "\u001b[2J", "\u0007", '"', "\\", "\u2028", "\u0085");
  const hostile = fc.tuple(fc.string({ maxLength: 6 }), controls, fc.string({ maxLength: 6 })).map(([a, c, b]) => `x${a}${c}${b}x`);
  await fc.assert(
    fc.asyncProperty(hostile, async (value) => {
      const lines = [["--mask", `${value}**`], ["--format", value], ["--format", `<Date> ${value}`], ["--tz", value], ["--time-format", `%Q ${value}`], ["--format", "json", "--field", `time=a..${value}`]];
      for (const options of lines) {
        const args = ["missing.log", ...options];
        await assert.rejects(detectCommand(args, io), (error: unknown) => {
          assert.ok(isUserInputError(error), `not a UserInputError for ${JSON.stringify(args)}`);
          assertOneSentence(error.message.replace(/ Usage: .*$/, ""), JSON.stringify(args));
          return true;
        });
      }
    }),
    { numRuns: 60 },
  );
  await assert.rejects(detectCommand(["missing.log", "--mask", "a**\nError: forged"], io), {
    message: '--mask "a**" is not a valid regular expression: nothing to repeat. Write it in JavaScript syntax, for example --mask "blk_-?\\d+=BLOCK".',
  });
  await assert.rejects(detectCommand(["missing.log", "--format", "nope\u001b[2J"], io), { message: /^Unknown log format "nope\\u001b\[2J": use / });
});
