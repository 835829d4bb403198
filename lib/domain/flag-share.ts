import { formatCount } from "./format-quantities";

/**
 * A detector that flags more than a fifth of the windows is not finding anomalies: anomalies are
 * rare by definition, and such a share means its threshold does not fit this log. Measured (issue
 * #12): DBSCAN at eps 0.5 flagged 40% and 48% of the windows of two logs, with nothing said. The
 * CLI's summary and the run page's counts say it in the same words, with the setting to change.
 */
export const MAX_FLAG_SHARE = 0.2;

export type FlaggingDetector = "isolationForest" | "dbscan" | "autoencoder";

const NAMES: Record<FlaggingDetector, string> = { isolationForest: "Isolation Forest", dbscan: "DBSCAN", autoencoder: "The autoencoder" };

/** The setting that decides how much each detector flags, and which way to move it. */
const FIX: Record<FlaggingDetector, string> = {
  isolationForest: "lower its contamination (or set it to auto)",
  dbscan: "raise eps (or set it to auto, the knee of the k-distance curve) or lower min samples",
  autoencoder: "raise its percentile (or set it to auto)",
};

export interface FlagShareWarning {
  detector: FlaggingDetector;
  flagged: number;
  windows: number;
  /** One sentence: the share, the limit and the fix. */
  message: string;
}

/** One warning per detector that flags more than MAX_FLAG_SHARE of `windows` (none for an empty run). */
export function flagShareWarnings(flagged: Record<FlaggingDetector, number>, windows: number): FlagShareWarning[] {
  if (windows <= 0) return [];
  return (Object.keys(NAMES) as FlaggingDetector[])
    .filter((detector) => flagged[detector] / windows > MAX_FLAG_SHARE)
    .map((detector) => {
      const count = flagged[detector];
      const percent = Math.round((100 * count) / windows);
      return {
        detector,
        flagged: count,
        windows,
        message:
          `${NAMES[detector]} flags ${percent}% of the windows (${formatCount(count)} of ${formatCount(windows)}), more than the ` +
          `${Math.round(MAX_FLAG_SHARE * 100)}% an anomaly detector should: ${FIX[detector]}.`,
      };
    });
}
