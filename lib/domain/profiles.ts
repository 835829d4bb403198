import type { Profile } from "./types";

/**
 * What each profile sets when the caller does not (issue #12), as the API spells the values. No
 * zod here, so the New run form can switch profiles in the browser without the schema. The
 * schema's own defaults (lib/pipeline/params.ts) are the pipeline contract: "seed" adds nothing.
 * "recommended" is what the held-out evaluation (bench/eval.ts, README "Detection quality") found
 * best on its train logs and confirmed on its test logs.
 */
export const PROFILE_DEFAULTS: Record<Profile, Readonly<Record<string, string>>> = {
  seed: {},
  recommended: { features: "extended", eps: "auto", contamination: "auto", aePercentile: "auto", combine: "score" },
};

/**
 * The profile the CLI, the API and the New run form use when none is named: "recommended" since it
 * beat "seed" on the held-out test logs (README "Held-out evaluation"). `--profile seed` gives the
 * pipeline contract exactly.
 */
export const DEFAULT_PROFILE: Profile = "recommended";

/** Every parameter some profile sets: what switching profiles on the form resets. */
export const PROFILE_KEYS: readonly string[] = [...new Set(Object.values(PROFILE_DEFAULTS).flatMap((d) => Object.keys(d)))];
