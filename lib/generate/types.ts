/** The labelled anomaly episodes, in the order their kind codes are numbered (code = index + 1). */
export const EPISODE_KINDS = ["ssh_brute_force", "crash_loop", "disk_errors", "privilege_abuse"] as const;

export type EpisodeKind = (typeof EPISODE_KINDS)[number];

/** Labels are written for windows of this length (docs/pipeline.md §2 default), aligned to the epoch. */
export const LABEL_WINDOW_SECONDS = 60;

export interface GenerateOptions {
  /** Exact number of lines to write. */
  lines: number;
  /** Any integer; 32 bits are used (default 1). */
  seed?: number;
  /** Unix seconds of the first possible line (default DEFAULT_START_ISO). */
  start?: number;
  /** Number of hosts in the fleet (default 8). */
  hosts?: number;
  /** Number of anomaly episodes (default: about one per 10k lines, see defaultEpisodeCount). */
  episodes?: number;
  /**
   * Allow episodes after the end of the start year. Off by default so that every labelled window
   * lies in the year the reader passes as `--year`.
   */
  crossYear?: boolean;
}

/** One planned episode; minutes are epoch minutes (Unix seconds / 60), covering whole label windows. */
export interface EpisodePlan {
  kind: EpisodeKind;
  startMinute: number;
  minutes: number;
  /** 0..1: how loud the episode is (attempts per minute, restart rate, error bursts...). */
  intensity: number;
  hostIndex: number;
}

export interface GenerationPlan {
  lines: number;
  seed: number;
  start: number;
  hosts: number;
  crossYear: boolean;
  /** Year of the first line: the `--year` a reader must pass. */
  year: number;
  /** Expected span in minutes, from the background rate model. */
  estimatedMinutes: number;
  episodes: EpisodePlan[];
}

export interface EpisodeRecord extends EpisodePlan {
  host: string;
  /** Lines this episode actually wrote (fewer than planned only if the line budget ran out). */
  lines: number;
}

export interface LabelledWindow {
  /** Unix seconds of the window start. */
  start: number;
  kind: EpisodeKind;
}

export interface GenerationResult {
  lines: number;
  year: number;
  /** Unix seconds of the first and last line. */
  firstSec: number;
  lastSec: number;
  /** Episodes that wrote at least one line, in time order. */
  episodes: EpisodeRecord[];
  /** Windows holding at least one episode line, in time order. */
  windows: LabelledWindow[];
}
