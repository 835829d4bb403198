import type { FieldOverrides, MaskSpec } from "@/lib/logs/formats/types";
import type { DetectParams } from "@/lib/pipeline/params";
import { formatFieldsText, formatMasksText } from "@/lib/pipeline/format-option-text";
import type { LabelSettings, RunParams } from "./types";

/**
 * The two readings of a stored run's parameters. Type imports only (and format-option-text.ts, which
 * imports nothing), so the worker, the server, pages and client components (Retry, Re-run) share
 * them without pulling zod into a browser bundle.
 */

/** The format options as stored (Run.formatOptions): what was asked for besides the format's name. */
export interface StoredFormatOptions {
  tz?: string;
  fields?: FieldOverrides;
  masks?: MaskSpec[];
  timeFormat?: string;
}

/**
 * A run's log-format columns (docs/pipeline.md §1b). Runs stored before formats existed read as
 * classic syslog with the year given.
 */
export interface RunFormatParams {
  /** true when no year was given: `year` then holds the year training inferred (the current year until then). */
  yearAuto: boolean;
  /** With yearAuto: training found year-less stamps and inferred `year` (else the log's records carry their year). */
  yearInferred: boolean;
  /** As asked for: "auto", a name, `loghub:<Name>` or a template. */
  format: string;
  /** What training read (auto's choice, or the format asked for); null until trained. */
  detectedFormat: string | null;
  formatOptions: StoredFormatOptions | null;
}

/** What lib/db hands out as a run's parameters: the domain's, with the format columns. */
export type StoredRunParams = RunParams & RunFormatParams;

/**
 * A run's parameters as they were asked for: `auto` where training was to choose (the stored
 * columns then hold what it chose), no year when it was to be inferred, and the format options in
 * their text forms. The run view shows them, the worker trains from them and a re-run starts from
 * them. Absent options are left out (never `undefined`), so each value can go into a form field.
 */
export function requestedParams(p: RunParams & Partial<RunFormatParams>): DetectParams {
  const params: DetectParams = {
    ...(p.yearAuto ? {} : { year: p.year }),
    window: p.window,
    eps: p.epsAuto || p.eps === null ? "auto" : p.eps,
    minSamples: p.minSamples,
    contamination: p.contaminationAuto ? "auto" : p.contamination,
    aePercentile: p.aePercentileAuto ? "auto" : p.aePercentile,
    votes: p.votes,
    epochs: p.epochs,
    seed: p.seed,
    features: p.features,
    profile: p.profile,
    combine: p.combine,
    // Runs from before formats read classic syslog.
    format: p.format ?? "syslog",
  };
  const options = p.formatOptions;
  if (options?.tz !== undefined) params.tz = options.tz;
  const fields = formatFieldsText(options?.fields);
  if (fields !== undefined) params.fields = fields;
  const masks = formatMasksText(options?.masks);
  if (masks !== undefined) params.masks = masks;
  if (options?.timeFormat !== undefined) params.timeFormat = options.timeFormat;
  return params;
}

/**
 * The labelling thresholds training used, or null while an automatic eps is still to be chosen.
 * (Keys in the order GET /api/runs/:id has always listed them.)
 */
export function trainedSettings(p: RunParams): LabelSettings | null {
  if (p.eps === null) return null;
  return { eps: p.eps, minSamples: p.minSamples, contamination: p.contamination, aePercentile: p.aePercentile, votes: p.votes };
}
