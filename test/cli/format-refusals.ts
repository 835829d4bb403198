/**
 * The five bad format inputs of issue #11, shared by the CLI tests and the API tests so both check
 * the same sentence: the CLI prints it (exit 2), the API returns it (400, or the run's error when it
 * is known only once the log is read).
 */

/** A small JSON Lines log: 300 records, one a minute, with the usual key names. */
export function jsonLog(records = 300): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    const time = new Date(Date.UTC(2025, 5, 14, 0, i)).toISOString();
    lines.push(JSON.stringify({ ts: time, host: `web${i % 3}`, logger: "app", level: i % 50 === 7 ? "ERROR" : "INFO", msg: `request ${i} served` }));
  }
  return `${lines.join("\n")}\n`;
}

export interface FormatRefusal {
  name: string;
  /** CLI flags. */
  argv: string[];
  /** The same as API / form fields. */
  fields: Record<string, string>;
  /** The formats code's sentence. */
  sentence: RegExp;
  /** Refused before anything is read (else: once the log is read). */
  early: boolean;
}

export const FORMAT_REFUSALS: FormatRefusal[] = [
  {
    name: "an unknown format name",
    argv: ["--format", "nope"],
    fields: { format: "nope" },
    sentence: /^Unknown log format "nope": use one of auto, .*json.*, or a template such as "<Date> <Time> <Level>: <Content>".*\.$/,
    early: true,
  },
  {
    name: "a template without a <Content> field",
    argv: ["--format", "<Date> <Level>"],
    fields: { format: "<Date> <Level>" },
    sentence: /^The format template "<Date> <Level>" has no <Content> field: .*\.$/,
    early: true,
  },
  {
    name: "a template without a time field",
    argv: ["--format", "<Level> <Content>"],
    fields: { format: "<Level> <Content>" },
    sentence: /^The format template "<Level> <Content>" .*time.*\.$/i,
    early: true,
  },
  {
    name: "an invalid mask regex",
    argv: ["--mask", "(unclosed=X"],
    fields: { masks: "(unclosed=X" },
    sentence: /^--mask "\(unclosed" is not a valid regular expression: .*\.$/,
    early: true,
  },
  {
    name: "a time zone that is not one",
    argv: ["--tz", "Mars/Base"],
    fields: { tz: "Mars/Base" },
    sentence: /^--tz "Mars\/Base" is not a time zone: .*\.$/,
    early: true,
  },
  {
    name: "a --field path absent from every record",
    argv: ["--field", "time=nope.here"],
    fields: { fields: "time=nope.here" },
    sentence: /^--field "time=nope\.here": none of the 300 JSON records sampled has a text or number under "nope\.here".*\.$/,
    early: false,
  },
];
