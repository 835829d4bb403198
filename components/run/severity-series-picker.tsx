"use client";

import type { ExtendedFeatureName } from "@/lib/logs/types";
import { featureLabel } from "@/lib/ui/feature-labels";
import { isScoreSeries, SCORE_SERIES, type ScoreSeriesKey } from "@/lib/ui/timeline-series";

interface SeriesPickerProps {
  feature: ExtendedFeatureName;
  /** The score plotted instead of the feature, or null. */
  score: ScoreSeriesKey | null;
  featureNames: readonly string[];
  /** False when the run has no DBSCAN distances to rank (its option is then disabled). */
  dbscanRanked: boolean;
  onFeatureChange: (feature: ExtendedFeatureName) => void;
  onScoreChange: (score: ScoreSeriesKey | null) => void;
}

/** The timeline's series: one of the run's features, or a severity or detector score (timeline-series.ts). */
export function SeverityTimelineSeriesPicker({ feature, score, featureNames, dbscanRanked, onFeatureChange, onScoreChange }: SeriesPickerProps) {
  return (
    <>
      <label className="sr-only" htmlFor="timeline-feature">
        Series shown
      </label>
      <select
        id="timeline-feature"
        value={score ?? feature}
        onChange={(event) => {
          const value = event.target.value;
          if (isScoreSeries(value)) return onScoreChange(value);
          onScoreChange(null);
          onFeatureChange(value as ExtendedFeatureName);
        }}
        className="h-8 max-w-full rounded-md border border-slate-300 bg-white px-2 text-[13px] text-slate-700 shadow-sm"
      >
        <optgroup label="Features">
          {featureNames.map((name) => (
            <option key={name} value={name}>
              {featureLabel(name)}
            </option>
          ))}
        </optgroup>
        <optgroup label="Scores">
          {SCORE_SERIES.map((s) => (
            <option key={s.key} value={s.key} disabled={s.key === "score:dbscan" && !dbscanRanked}>
              {s.label}
            </option>
          ))}
        </optgroup>
      </select>
    </>
  );
}
