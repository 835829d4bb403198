import type { DetectParams } from "@/lib/pipeline/params";
import type { LabelSettings, RunParams } from "./types";

/**
 * The two readings of a stored run's parameters. Type imports only, so the worker, the server,
 * pages and client components (Retry, Re-run) share them without pulling zod into a browser bundle.
 */

/**
 * A run's parameters as they were asked for: `auto` where training was to choose (the stored
 * columns then hold what it chose). The run view shows them, the worker trains from them and a
 * re-run starts from them.
 */
export function requestedParams(p: RunParams): DetectParams {
  return {
    year: p.year,
    window: p.window,
    eps: p.epsAuto || p.eps === null ? "auto" : p.eps,
    minSamples: p.minSamples,
    contamination: p.contaminationAuto ? "auto" : p.contamination,
    aePercentile: p.aePercentileAuto ? "auto" : p.aePercentile,
    votes: p.votes,
    epochs: p.epochs,
    seed: p.seed,
    features: p.features,
  };
}

/**
 * The labelling thresholds training used, or null while an automatic eps is still to be chosen.
 * (Keys in the order GET /api/runs/:id has always listed them.)
 */
export function trainedSettings(p: RunParams): LabelSettings | null {
  if (p.eps === null) return null;
  return { eps: p.eps, minSamples: p.minSamples, contamination: p.contamination, aePercentile: p.aePercentile, votes: p.votes };
}
