import type { RunParams } from "@/lib/domain/types";
import { ensembleRule, formatNumber, formatPercent, formatWindowLength } from "./format";

/**
 * A finished run's parameters for its header, named and rounded: automatic choices are stored
 * with full precision ("c 0.01904 · AE p95.791"), which reads as noise to anyone but the model.
 */
export function formatParamsSummary(
  params: Pick<RunParams, "window" | "eps" | "epsAuto" | "minSamples" | "contamination" | "contaminationAuto" | "aePercentile" | "aePercentileAuto" | "votes" | "combine">,
): string {
  const auto = (on: boolean) => (on ? " (auto)" : "");
  return [
    `window ${formatWindowLength(params.window)}`,
    params.eps === null ? "eps auto" : `eps ${formatNumber(params.eps, 3)}${auto(params.epsAuto)}`,
    `min samples ${params.minSamples}`,
    `contamination ${formatPercent(params.contamination, 1)}${auto(params.contaminationAuto)}`,
    `AE ${Number(params.aePercentile.toFixed(1))}th percentile${auto(params.aePercentileAuto)}`,
    ensembleRule(params),
  ].join(" · ");
}
