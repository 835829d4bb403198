import type { ExtendedFeatureName, FeatureName } from "@/lib/logs/types";

/** Human names of the docs/pipeline.md §3 features. */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  event_count: "Events",
  unique_messages: "Unique messages",
  distinct_hosts: "Distinct hosts",
  distinct_processes: "Distinct processes",
  avg_msg_length: "Avg. message length",
  failed_auth_count: "Failed auth",
  invalid_user_count: "Invalid users",
  entropy_tokens: "Token entropy (bits)",
};

/** Extended runs add four template features and a count of error-level records. */
export const EXTENDED_FEATURE_LABELS: Record<Exclude<ExtendedFeatureName, FeatureName>, string> = {
  distinct_templates: "Distinct templates",
  rare_template_lines: "Rare-template lines",
  unseen_template_lines: "Unseen-template lines",
  error_keyword_lines: "Error-keyword lines",
  error_level_lines: "Error-level records",
};

const ALL_LABELS: Record<string, string> = { ...FEATURE_LABELS, ...EXTENDED_FEATURE_LABELS };

/** A feature's human name; an unknown column keeps its own name rather than vanishing. */
export function featureLabel(name: string): string {
  return ALL_LABELS[name] ?? name;
}
