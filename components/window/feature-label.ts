import type { FeatureName } from "@/lib/logs/types";
import { FEATURE_LABELS } from "@/lib/ui/feature-labels";

/** Extended runs add four template features; the shared labels cover the SPEC's eight only. */
const EXTENDED_LABELS: Record<string, string> = {
  distinct_templates: "Distinct templates",
  rare_template_lines: "Rare-template lines",
  unseen_template_lines: "Unseen-template lines",
  error_keyword_lines: "Error-keyword lines",
};

/** A feature's human name; an unknown column keeps its own name rather than vanishing. */
export function featureLabel(name: string): string {
  return FEATURE_LABELS[name as FeatureName] ?? EXTENDED_LABELS[name] ?? name;
}
