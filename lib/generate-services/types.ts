/**
 * The second labelled-log generator (issue #12): a fleet of web services writing JSON lines, with
 * anomalies of other kinds than the first generator's (lib/generate: BSD syslog of a Linux fleet
 * with SSH attacks, crash loops, disk errors and privilege abuse). Written apart from it, sharing
 * no text, rates or episode code, so that a detector tuned on one is measured on the other's
 * anomalies as on a log it has never seen.
 */

/** The anomaly episodes this generator plants. */
export const SERVICE_EPISODE_KINDS = [
  "error_storm",
  "latency_storm",
  "outage",
  "credential_stuffing",
  "retry_backlog",
  "config_drift",
] as const;

export type ServiceEpisodeKind = (typeof SERVICE_EPISODE_KINDS)[number];

export interface ServiceLogOptions {
  /** Exact number of lines to write. */
  lines: number;
  seed: number;
  /** Unix seconds of the first line. */
  start: number;
  /** Services in the fleet, 3 to 12. */
  services: number;
  /** Background lines a minute at the daily mean, 20 to 5000. */
  ratePerMinute: number;
  /** Episodes per 24 hours of log (default 6: about 6% of the windows anomalous). */
  episodesPerDay?: number;
  /** Relative weights of the episode kinds (default: all 1); a kind at 0 never happens. */
  mix?: Partial<Record<ServiceEpisodeKind, number>>;
}

export interface ServiceEpisode {
  kind: ServiceEpisodeKind;
  /** Epoch minute of its first minute. */
  startMinute: number;
  minutes: number;
  /** 0.2..1: how loud it is. */
  intensity: number;
  /** Index of the service it strikes. */
  service: number;
}

/** A labelled window: 60 s from `start` (Unix seconds, a multiple of 60) holding an episode's lines. */
export interface ServiceLabel {
  start: number;
  kind: ServiceEpisodeKind;
}

export interface ServiceLogResult {
  lines: number;
  year: number;
  episodes: ServiceEpisode[];
  labels: ServiceLabel[];
}
