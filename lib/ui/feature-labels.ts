import type { FeatureName } from "@/lib/logs/types";

/** Human names of the SPEC §3 features. */
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
