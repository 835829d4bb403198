import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { BUILT_IN_FORMATS } from "./built-in-formats";
import { evidenceOf, scoreFormat, type CandidateScore } from "./format-score";
import { checkFieldOverrides } from "./json-lines";
import { detectionCandidates, formatKindsForHelp } from "./registry";
import { SyslogLineParser, syslogFormat } from "./syslog-format";
import { timestampedLines } from "./timestamped-lines";
import type { FormatDefinition, FormatOptions, LineParser } from "./types";

export { MAX_CONTINUATIONS_PER_RECORD, matchRateOf, scoreFormat, type CandidateScore } from "./format-score";

/** How many non-blank lines from the head of a file detection reads. */
export const DETECTION_SAMPLE_LINES = 1000;
/** A format is accepted when it explains at least this share of the sample's content lines. */
export const MIN_MATCH_RATE = 0.9;
// Evidence or tidiness closer than this is a tie (float noise between equal counts over different denominators).
const TIE = 1e-12;

/** The detected format and how every candidate did, best first. */
export interface Detection {
  definition: FormatDefinition;
  matchRate: number;
  scores: CandidateScore[];
}

/** The first `DETECTION_SAMPLE_LINES` lines with some non-blank character (blank lines prove nothing). */
export function detectionSample(lines: readonly string[]): string[] {
  const sample: string[] = [];
  for (const line of lines) {
    if (sample.length >= DETECTION_SAMPLE_LINES) break;
    if (line.trim() !== "") sample.push(line);
  }
  return sample;
}

/**
 * Picks the format of a log from a sample of its first lines (docs/pipeline.md §1b).
 *
 * Score (format-score.ts). Only content lines count: blank lines and each format's META lines are
 * left out. A line is explained when it begins a record or, in a format with continuations,
 * follows one. The match rate is explained / content, with continuations capped at
 * MAX_CONTINUATIONS_PER_RECORD per record; it is what the analyst sees and must reach
 * MIN_MATCH_RATE. Candidates are ranked by evidence = match rate + record rate, i.e. a line read
 * as a record counts twice and a line joined to one counts once: a continuation is only the
 * absence of a contradiction, so a format that explains everything by continuation (rate 100%,
 * few records) loses to one that reads the lines as records (say 95% records, 5% failures; then,
 * below 90%, the log is refused rather than given to the continuation reader), while among
 * formats with the same records the one that also places the stack-trace lines wins.
 *
 * Stray lines in classic syslog. A classic syslog message is one line (§1), so when `syslog` reads
 * the sample mostly as classic §1 records, a format with continuations (a Loghub preset, or
 * `timestamped`) whose records are exactly the same lines has found no record syslog missed: the
 * lines it "explains" by continuation are stray lines (an operator's note, a truncated write) that
 * it would hide inside a record's message. Its continuations then earn it nothing (they count as
 * failures, so its evidence equals syslog's and the tie rule 2 below picks syslog), and syslog
 * reads the log, counting the stray lines as unparsed. Such a candidate still shows that the
 * sample is a log read by these records, so the log is recognised when it reaches MIN_MATCH_RATE
 * even if syslog alone does not (3 syslog lines and a stray one): the rule changes which format
 * reads a log, never whether a log is recognised. A candidate that reads even one record syslog
 * does not (a line syslog cannot parse) keeps its continuations: it is telling a different story.
 *
 * Ties (same evidence, as when several formats read every line), specific before generic:
 * 1. the structured built-ins (rfc5424, json, cri, access, w3c), each of an unmistakable shape;
 * 2. `syslog` when most of its records are classic §1 lines: classic syslog is `syslog`, not one
 *    of the Loghub presets written for it (Linux, OpenSSH, Mac);
 * 3. then the candidate whose fields look right most often (tidyFields: a lazy template that slid
 *    a column reads `[main]` as a level), and among equals the Loghub presets (in logparser's
 *    order) before `syslog` reading mostly its variants (ISO timestamps, loose enough to misread
 *    a preset's lines);
 * 4. `timestamped` claims no fields, so it loses a tie to any of those whose fields are right in
 *    at least half its records, and wins against the others (a preset misreading another log).
 *
 * Throws a UserInputError when no candidate reaches MIN_MATCH_RATE, the sample holds no content, or
 * a `--field` path is under no JSON record of the sample (json-lines.ts's checkFieldOverrides).
 */
export function detectFormat(sampleLines: readonly string[], options: FormatOptions = {}): Detection {
  const lines = detectionSample(sampleLines);
  if (lines.length === 0) {
    throw new UserInputError("The log has no non-blank line to detect its format from: give a log with content, or name its format with --format.");
  }
  // A --field path names JSON keys: one no JSON record of the head has is refused in its own words,
  // before json fails to read the log and another format reads it instead.
  checkFieldOverrides(lines, options.fields);
  const ranked: Ranked[] = [];
  let firstError: Error | null = null;
  let best = Number.NEGATIVE_INFINITY;
  // syslog read mostly as classic §1 records, complete; the registry scores it before every format with continuations.
  let classic: Ranked | null = null;
  for (const [index, definition] of detectionCandidates().entries()) {
    const candidate = tryCandidate(definition, index, lines, options, best - TIE);
    if (candidate instanceof Error) {
      // A candidate that cannot use these options (e.g. a --field path for json) is not a candidate.
      firstError ??= candidate;
      continue;
    }
    if (candidate.group === 2 && candidate.score.complete) classic = candidate;
    else if (classic !== null && definition.continuations && sameRecordLines(candidate, classic)) {
      // Stray lines, not continuations (see above): ranked as syslog is, before `best` lets it cut others short.
      const { records, continuations, failed } = candidate.score;
      candidate.evidence = evidenceOf(records, 0, continuations + failed);
      candidate.strayOnly = true;
    }
    ranked.push(candidate);
    if (candidate.score.complete) best = Math.max(best, candidate.evidence);
  }
  if (ranked.length === 0) throw firstError ?? new Error("no format candidate could be made");
  ranked.sort(compareRanked);
  const winner = ranked[0]!;
  const recognised = winner.score.matchRate >= MIN_MATCH_RATE
    || (winner === classic && ranked.some((r) => r.strayOnly && r.score.matchRate >= MIN_MATCH_RATE));
  if (!recognised) {
    // Refused: the sentence names the runner-up's true rate, so read it to the end if it was cut short.
    const runnerUp = ranked[1];
    if (runnerUp !== undefined && !runnerUp.score.complete) {
      const full = tryCandidate(runnerUp.definition, runnerUp.rank, lines, options);
      if (!(full instanceof Error)) ranked[1] = full;
    }
    throw refusal(ranked.map((r) => r.score), lines.length);
  }
  return { definition: winner.definition, matchRate: winner.score.matchRate, scores: ranked.map((r) => r.score) };
}

interface Ranked {
  definition: FormatDefinition;
  score: CandidateScore;
  evidence: number;
  /** 1 built-in, 2 classic syslog, 3 preset, 4 syslog variants, 5 timestamped (detectFormat's tie order). */
  group: number;
  /** Position in detectionCandidates(). */
  rank: number;
  /** Which sample lines began a record (syslog and the formats with continuations), else null. */
  recordLines: Uint8Array | null;
  /** Its records are classic syslog's and its continuations stray lines (evidence lowered to syslog's). */
  strayOnly: boolean;
}

/** Whether a complete candidate read exactly the sample lines `classic` read as records. */
function sameRecordLines(candidate: Ranked, classic: Ranked): boolean {
  const a = candidate.recordLines;
  const b = classic.recordLines;
  if (!candidate.score.complete || a === null || b === null || candidate.score.records !== classic.score.records) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (Math.abs(b.evidence - a.evidence) > TIE) return b.evidence - a.evidence;
  if (a.group !== b.group && Math.min(a.group, b.group) <= 2) return a.group - b.group;
  // timestamped claims no fields: it loses a tie to a reader whose fields are mostly right, and wins against one mostly wrong.
  if (a.group === 5 && b.group !== 5) return b.score.tidyRate >= 0.5 ? 1 : -1;
  if (b.group === 5 && a.group !== 5) return a.score.tidyRate >= 0.5 ? -1 : 1;
  if (Math.abs(b.score.tidyRate - a.score.tidyRate) > TIE) return b.score.tidyRate - a.score.tidyRate;
  return a.group - b.group || a.rank - b.rank;
}

/** One candidate scored, or the error it throws when it cannot be made with these options. */
function tryCandidate(definition: FormatDefinition, rank: number, lines: readonly string[], options: FormatOptions, beat?: number): Ranked | Error {
  let parser: LineParser;
  try {
    parser = definition.createParser(options);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const recordLines = definition === syslogFormat || definition.continuations ? new Uint8Array(lines.length) : null;
  const score = scoreFormat(definition, parser, lines, beat, recordLines ?? undefined);
  let group = 3;
  if (BUILT_IN_FORMATS.includes(definition)) group = 1;
  else if (definition === timestampedLines) group = 5;
  else if (definition === syslogFormat) group = parser instanceof SyslogLineParser && parser.classicRecords * 2 >= score.records ? 2 : 4;
  const evidence = evidenceOf(score.records, score.continuations, score.failed);
  return { definition, score, evidence, group, rank, recordLines, strayOnly: false };
}

function percent(rate: number): string {
  return `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

/** One sentence: the two best candidates with their rates, the first line the best could not read, what to do. */
function refusal(scores: readonly CandidateScore[], sampled: number): UserInputError {
  const [a, b] = scores;
  const named = [a, b].filter((s): s is CandidateScore => s !== undefined).map((s) => `${s.name} (${percent(s.matchRate)})`);
  const failedLine = a?.firstFailed ?? null;
  const example = failedLine === null ? "" : `; the first line ${a?.name ?? ""} could not read is ${quoteInput(failedLine)}`;
  return new UserInputError(
    `Could not recognise the log's format: the best candidates, ${named.join(" and ")}, read less than ${percent(MIN_MATCH_RATE)} of its first ${sampled} non-blank lines${example}; name the format with --format: ${formatKindsForHelp()}.`,
  );
}
