import { UserInputError } from "@/lib/domain/user-input-error";
import { formatNamesForHelp, resolveFormat } from "@/lib/logs/formats/registry";
import type { ExtractionSummary } from "@/lib/logs/types";
import { quoteInput } from "@/lib/domain/quote-input";

const SYSLOG_EXAMPLE = `lines like "Jun 14 15:16:01 host sshd[123]: message"`;

/** What a record of the format looks like, for the sentence: syslog's example line, else the format's description. */
function expectation(name: string): string {
  if (name === "syslog") return SYSLOG_EXAMPLE;
  try {
    return resolveFormat({ format: name }).definition.description;
  } catch {
    return `records of ${name}`;
  }
}

/**
 * The refusal of a log in which no line is a record (docs/pipeline.md §1b), in one sentence: what
 * the format (named or detected) expected, the first line, and what to do. The classic path (no
 * format options) keeps its sentence of old.
 */
export function noRecordsError(fileName: string, summary: ExtractionSummary): UserInputError {
  const example = summary.unparsedSamples[0]?.text ?? "";
  const format = summary.format;
  if (!format) {
    return new UserInputError(
      `No line of ${fileName} is a syslog record (expected ${SYSLOG_EXAMPLE}` +
        (example ? `, first line was ${quoteInput(example)}` : "") +
        `): check the file's format.`,
    );
  }
  const how = format.detected ? ", the format detected from its first lines" : "";
  const remedy = format.detected ? "name the log's format with --format" : "check the file, or name its format with --format";
  return new UserInputError(
    `No line of ${fileName} is a ${format.name} record (expected ${expectation(format.name)}${how}` +
      (example ? `; the first line was ${quoteInput(example)}` : "") +
      `): ${remedy} (${formatNamesForHelp()}).`,
  );
}
