import { DEFAULT_PROFILE, PROFILE_DEFAULTS, PROFILE_KEYS } from "@/lib/domain/profiles";
import type { CombineMode, FeatureSet, Profile } from "@/lib/domain/types";
import type { DetectParamKey } from "@/lib/pipeline/params";

/**
 * The New run form's fields: label, one line of help, default and input hints. Defaults mirror
 * lib/pipeline/params.ts (a unit test checks they agree) so the form can show them without
 * importing zod into the browser bundle (the imports here are types only).
 */

export type ParamName = DetectParamKey;

/** The value a field takes when its "auto" box is ticked (the API's own spelling). */
export const AUTO = "auto";

/** Where a field sits on the form (components/new-run/param-fields.tsx gives each a title). */
export type ParamGroup = "windows" | "features" | "detectors" | "training";

export interface ParamField {
  name: ParamName;
  label: string;
  help: string;
  /** Default as the form shows it; blank means the pipeline decides (year: inferred from the log). */
  defaultValue: string;
  /** Shown in the empty input: what a blank value means. */
  placeholder?: string;
  unit?: string;
  inputMode: "numeric" | "decimal" | "text";
  group: ParamGroup;
  /** Fields that accept `auto`: what auto does, shown while it is ticked. */
  autoHelp?: string;
  /** A choice instead of a number: the allowed values with a label and one line of help each. */
  options?: readonly { value: string; label: string; help: string }[];
}

// One choice per feature set of the domain (TypeScript refuses a missing one).
const FEATURE_OPTIONS: Record<FeatureSet, { label: string; help: string }> = {
  seed: { label: "Seed", help: "Eight counts per window: events, unique messages, distinct hosts, distinct processes, average message length, failed logins, invalid users and the entropy of the message words." },
  extended: { label: "Extended", help: "The eight plus distinct templates, rare-template lines, unseen-template lines and error-keyword lines; the window page then lists unusual templates." },
};

const PROFILE_OPTIONS: Record<Profile, { label: string; help: string }> = {
  seed: { label: "Seed", help: "The pipeline contract's settings: seed features, eps 0.5, contamination 0.05, AE percentile 95, 2 of 3 votes." },
  recommended: { label: "Recommended", help: "What the held-out evaluation found best: extended features, automatic thresholds and the combined score." },
};

const COMBINE_OPTIONS: Record<CombineMode, { label: string; help: string }> = {
  vote: { label: "Vote", help: "A window is anomalous when at least the chosen number of models flag it." },
  score: { label: "Combined score", help: "Each feature's robust z-score against the log's windows, alone and over the 5 windows around it, beside the models' scores; a window is anomalous when the largest is above 10." },
};

const choices = <K extends string>(options: Record<K, { label: string; help: string }>) =>
  Object.entries<{ label: string; help: string }>(options).map(([value, option]) => ({ value, ...option }));

// Keyed by the training schema's fields, so TypeScript refuses a form that misses one (or names one
// the schema does not have); the key order is the form's order.
const FIELDS: Record<ParamName, Omit<ParamField, "name">> = {
  profile: { label: "Profile", defaultValue: DEFAULT_PROFILE, inputMode: "text", group: "detectors",
    help: "Which defaults the settings below start from.",
    options: choices(PROFILE_OPTIONS) },
  window: { label: "Window size", unit: "s", defaultValue: "60", inputMode: "numeric", group: "windows",
    help: "Length of the tumbling time windows the log is cut into, in seconds." },
  year: { label: "Year", defaultValue: "", placeholder: "from the log", inputMode: "numeric", group: "windows",
    help: "Year-less timestamps (BSD syslog and some others) take this year, rolling over at Dec → Jan. Blank: Logscope infers it from the log (the latest year that puts no line in the future) and says which it chose." },
  features: { label: "Features", defaultValue: "seed", inputMode: "text", group: "features",
    help: "What is measured in every window.",
    options: choices(FEATURE_OPTIONS) },
  contamination: { label: "IF contamination", defaultValue: "0.05", inputMode: "decimal", group: "detectors",
    help: "Share of windows Isolation Forest flags, above 0 and at most 0.5.",
    autoHelp: "Auto: a robust cut on the score distribution (median + 3 MAD); with a labels file, the share that maximises F1." },
  eps: { label: "DBSCAN eps", defaultValue: "0.5", inputMode: "decimal", group: "detectors",
    help: "Neighbourhood radius on scaled features.",
    autoHelp: "Auto: the knee of the k-distance curve; with a labels file, the multiple of it that maximises F1." },
  minSamples: { label: "DBSCAN min samples", defaultValue: "5", inputMode: "numeric", group: "detectors",
    help: "Neighbours (itself included) a window needs within eps to be a core point." },
  aePercentile: { label: "AE percentile", defaultValue: "95", inputMode: "decimal", group: "detectors",
    help: "Windows whose reconstruction error is above this training percentile are flagged.",
    autoHelp: "Auto: a robust cut on the error distribution (median + 3 MAD of log errors); with a labels file, the percentile that maximises F1." },
  votes: { label: "Ensemble votes", defaultValue: "2", inputMode: "numeric", group: "detectors",
    help: "How many of the three models must agree for the ensemble to flag a window (1–3)." },
  combine: { label: "Ensemble", defaultValue: "vote", inputMode: "text", group: "detectors",
    help: "How the three models make one verdict.",
    options: choices(COMBINE_OPTIONS) },
  epochs: { label: "AE epochs", defaultValue: "20", inputMode: "numeric", group: "training",
    help: "Passes of autoencoder training over all windows." },
  seed: { label: "Seed", defaultValue: "42", inputMode: "numeric", group: "training",
    help: "Seeds Isolation Forest and the autoencoder: same seed and data, same result." },
  // The log format (docs/pipeline.md §1b); lists are text: see lib/pipeline/format-option-text.ts.
  format: { label: "Log format", defaultValue: "auto", inputMode: "text", group: "windows",
    help: "auto (detected from the first lines), a format name such as syslog or json, loghub:<Name>, or a template such as <Date> <Time> <Level>: <Content>." },
  tz: { label: "Time zone", defaultValue: "", inputMode: "text", group: "windows",
    help: "Zone of times written without an offset, e.g. Europe/Paris or +02:00; UTC when empty." },
  fields: { label: "JSON fields", defaultValue: "", inputMode: "text", group: "windows",
    help: "Which keys hold a JSON record's fields: name=key.path pairs (name: time, host, process, level or message), separated by commas or new lines, e.g. time=ts,message=msg.text. Empty uses the usual names." },
  masks: { label: "Masks", defaultValue: "", inputMode: "text", group: "windows",
    help: "One REGEX or REGEX=NAME per line: matching text becomes <NAME> (<*> without a name) before template mining." },
  timeFormat: { label: "Time format", defaultValue: "", inputMode: "text", group: "windows",
    help: "A strftime pattern for unusual timestamps in a template, e.g. %d/%m/%Y:%H:%M:%S." },
};

export const PARAM_FIELDS: readonly ParamField[] = Object.entries(FIELDS).map(([name, field]) => ({ name: name as ParamName, ...field }));

/**
 * Form values for a field set, from a previous run's parameters (Re-run) or the defaults. A run
 * whose year was inferred has none in its requested parameters, so its re-run infers it again.
 */
export function initialParamValues(previous: Partial<Record<ParamName, number | string | null>> | null): Record<ParamName, string> {
  const out = {} as Record<ParamName, string>;
  for (const field of PARAM_FIELDS) {
    const value = previous?.[field.name];
    out[field.name] = value === null || value === undefined ? field.defaultValue : String(value);
  }
  // A fresh form starts from the default profile's values, as the API fills them (withProfile).
  return previous === null ? withProfileValues(out, DEFAULT_PROFILE) : out;
}

/**
 * The form's values after choosing `profile`: every field some profile sets takes this profile's
 * value, or its own default when this profile leaves it to the contract. Other fields keep theirs.
 */
export function withProfileValues(values: Record<ParamName, string>, profile: string): Record<ParamName, string> {
  const chosen: Readonly<Record<string, string>> = PROFILE_DEFAULTS[profile as Profile] ?? {};
  const out = { ...values, profile };
  for (const field of PARAM_FIELDS) {
    if (PROFILE_KEYS.includes(field.name)) out[field.name] = chosen[field.name] ?? field.defaultValue;
  }
  return out;
}
