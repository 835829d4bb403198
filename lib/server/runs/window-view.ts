import "server-only";
import type { WindowRecord } from "@/lib/db/types";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { FEATURE_NAMES, type FeatureName } from "@/lib/logs/types";
import type { RunLabels } from "./relabel-run";

/** A window as the API returns it (JSON: an infinite DBSCAN distance is null). */
export interface WindowView {
  index: number;
  /** Unix seconds; the ISO forms follow. */
  start: number;
  end: number;
  startIso: string;
  endIso: string;
  /**
   * Features by their CSV names: the eight docs/pipeline.md §3 ones, and for extended runs also
   * distinct_templates, rare_template_lines, unseen_template_lines, error_keyword_lines.
   */
  features: Record<FeatureName, number> & Record<string, number>;
  /** Isolation Forest score, higher = more anomalous. */
  ifScore: number;
  /** Autoencoder reconstruction error. */
  aeError: number;
  /** Distance to the nearest DBSCAN core point; null = none at all (infinite). */
  dbscanDistance: number | null;
  /** DBSCAN cluster (-1 = noise), when known. */
  dbscanCluster: number | null;
  labels: { isolationForest: boolean; dbscan: boolean; autoencoder: boolean; ensemble: boolean };
  /** Models flagging the window (0..3). */
  modelVotes: number;
  /** Syslog records in the window, from its stored line ranges. */
  lineCount: number;
}

/** The view of a stored window, with its labels replaced when the run was relabelled. */
export function toWindowView(w: WindowRecord, relabelled?: RunLabels): WindowView {
  const names = w.featureNames.length === w.features.length ? w.featureNames : FEATURE_NAMES;
  const features = Object.fromEntries(names.map((name, i) => [name, w.features[i] ?? 0])) as WindowView["features"];
  let labels = w.labels;
  let distance = w.dbscanDistance;
  let cluster = w.dbscanCluster;
  let votes = w.modelVotes;
  if (relabelled && !relabelled.stored) {
    const { relabelling } = relabelled;
    const i = w.index;
    labels = {
      isolationForest: relabelling.labels.isolationForest[i] === 1,
      dbscan: relabelling.labels.dbscan[i] === 1,
      autoencoder: relabelling.labels.autoencoder[i] === 1,
      ensemble: relabelling.labels.ensemble[i] === 1,
    };
    distance = relabelling.dbscanDistance[i] ?? distance;
    if (relabelled.dbscanClusters) cluster = relabelled.dbscanClusters[i] ?? null;
    votes = relabelled.votes[i] ?? votes;
  }
  return {
    index: w.index,
    start: w.start,
    end: w.end,
    startIso: formatIsoUtc(w.start),
    endIso: formatIsoUtc(w.end),
    features,
    ifScore: w.ifScore,
    aeError: w.aeError,
    dbscanDistance: Number.isFinite(distance) ? distance : null,
    dbscanCluster: cluster,
    labels: { ...labels },
    modelVotes: votes,
    lineCount: w.lineRanges.reduce((sum, r) => sum + r.lineCount, 0),
  };
}
