"use client";

import { memo, useCallback, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ZoomOutIcon } from "@/components/ui/icons";
import type { OverlayState } from "@/components/charts/marker-overlay";
import type { ExtendedFeatureName } from "@/lib/logs/types";
import { flaggedIndices } from "@/lib/ui/decimate-series";
import { featureLabel as labelOf } from "@/lib/ui/feature-labels";
import { formatCount, formatUtcShort } from "@/lib/ui/format";
import { MODEL_KEYS } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";
import type { ClientSeries } from "@/lib/ui/series-binary";
import type { LaneSeverities } from "@/lib/ui/severity-lanes";
import { LANE_Y } from "@/lib/ui/timeline-data";
import { describeVerdict, describeWindow, type TimeRange } from "@/lib/ui/timeline-keys";
import { bucketMarkers, buildTimelineLine } from "@/lib/ui/timeline-markers";
import { describeTimeline, isCountSeries, scoreSeriesLabel, scoreSeriesValues, type ScoreSeriesKey } from "@/lib/ui/timeline-series";
import { SeveritySwimlanes } from "./severity-swimlanes";
import { SeverityTimelineSeriesPicker } from "./severity-series-picker";
import { TimelineChart } from "./timeline-chart";
import { TimelineLegend } from "./timeline-legend";
import { markerStyle, type TimelineDatasetKey } from "./timeline-config";
import { TimelineOverview } from "./timeline-overview";
import { TimelineSelection } from "./timeline-selection";
import { useTimelineKeys } from "./use-timeline-keys";

interface TimelinePanelProps {
  /** Null while the run's data loads. */
  series: ClientSeries | null;
  /** The plotted feature's column; null while it loads. */
  values: Float32Array | null;
  labels: ClientLabels | null;
  windowCount: number;
  feature: ExtendedFeatureName;
  /** The run's features, offered by the picker. */
  featureNames: readonly string[];
  range: TimeRange | null;
  selected: number | null;
  windowHref: (index: number) => string;
  onFeatureChange: (feature: ExtendedFeatureName) => void;
  onRangeChange: (range: TimeRange | null) => void;
  onSelect: (index: number | null) => void;
  /** A score plotted instead of the feature, or undefined for the feature. */
  score: ScoreSeriesKey | undefined;
  onScoreChange: (score: ScoreSeriesKey | null) => void;
  /** The lanes' severities (ensemble and per detector), null while they load. */
  severity: LaneSeverities | null;
  /** GET /api/runs/:id/hosts, for the per-host lanes. */
  hostsUrl: string;
}

// About one bucket (two line points) per pixel of the timeline's width, and one marker bucket per
// three pixels (a marker's radius); data is prepared for one more view width either side, so a pan
// shows data at once.
const LINE_BUCKETS = 850;
const MARKER_BUCKETS = 280;
const EMPTY = new Float32Array(0);
const NO_INDICES = new Int32Array(0);

export const TimelinePanel = memo(function TimelinePanel(props: TimelinePanelProps) {
  const { series, labels, feature, selected, severity } = props;
  const keysId = useId();
  const descriptionId = useId();
  const [hidden, setHidden] = useState<ReadonlySet<TimelineDatasetKey>>(new Set());
  // A score plotted instead of a feature: part of the view (the URL keeps it as `score`).
  // A score the run cannot rank (DBSCAN without stored distances, from a shared link) falls back to the feature.
  const asked = props.score ?? null;
  const askedValues = useMemo(() => (asked ? scoreSeriesValues(asked, series, severity) : null), [asked, series, severity]);
  const score = asked && (askedValues !== null || severity === null) ? asked : null;
  const scoreValues = score ? askedValues : null;
  const plotted = score ? scoreValues : props.values;
  const values = plotted ?? EMPTY;
  const starts = series?.starts ?? EMPTY;
  const events = series?.features.get(0) ?? null;
  const featureLabel = score ? scoreSeriesLabel(score) : labelOf(feature);
  const silence = useMemo(() => (series ? { window: series.window, zero: !score && isCountSeries(feature) } : undefined), [series, score, feature]);
  const bounds = useMemo<TimeRange>(() => {
    if (!series || series.count === 0) return { min: 0, max: 1 };
    const first = series.starts[0] as number;
    const last = series.starts[series.count - 1] as number;
    return { min: first, max: Math.max(last + series.window, first + series.window) };
  }, [series]);
  const range = props.range ?? bounds;
  const minSpan = (series?.window ?? 60) * 6;
  const span = range.max - range.min;
  const from = Math.max(range.min - span, bounds.min);
  const to = Math.min(range.max + span, bounds.max);
  const widths = (to - from) / Math.max(span, 1);
  const ready = series !== null && plotted !== null && values.length === series.count;

  const line = useMemo(
    () => (ready ? buildTimelineLine(starts, values, from, to, Math.max(1, Math.round(LINE_BUCKETS * widths)), silence) : []),
    [ready, starts, values, from, to, widths, silence],
  );
  const markers = useMemo(
    () => (ready && labels ? bucketMarkers({ starts, values, labels, from, to, buckets: Math.max(1, Math.round(MARKER_BUCKETS * widths)) }) : null),
    [ready, starts, values, labels, from, to, widths],
  );
  const overview = useMemo(() => (ready ? buildTimelineLine(starts, values, bounds.min, bounds.max, 400, silence) : []), [ready, starts, values, bounds, silence]);
  const overviewMarkers = useMemo(() => {
    if (!ready || !labels) return [];
    const picked = flaggedIndices(starts, labels.ensemble, bounds.min, bounds.max, 300);
    return Array.from(picked, (i) => ({ x: starts[i] as number, y: values[i] as number, i }));
  }, [ready, starts, values, labels, bounds]);

  const select = selected !== null && series && selected < series.count ? selected : null;
  const overlay = useMemo<OverlayState>(() => {
    const layers: OverlayState["layers"] = [];
    if (markers) {
      for (const key of MODEL_KEYS) {
        if (!hidden.has(key)) layers.push({ style: markerStyle(key), indices: markers.lanes[key] ?? NO_INDICES, yAxis: "lanes", yOf: () => LANE_Y[key] });
      }
      const dense = markers.ensemble.length > MARKER_BUCKETS * widths;
      if (!hidden.has("ensemble")) layers.push({ style: markerStyle("ensemble", dense ? 0.75 : 1), indices: markers.ensemble, yAxis: "y", yOf: (i) => values[i] as number });
    }
    return { layers, starts, markX: select === null ? null : (starts[select] ?? null) };
  }, [markers, hidden, starts, values, select, widths]);

  const flagsOf = useCallback(
    (index: number) =>
      labels && {
        isolationForest: labels.isolationForest[index] === 1,
        dbscan: labels.dbscan[index] === 1,
        autoencoder: labels.autoencoder[index] === 1,
        ensemble: labels.ensemble[index] === 1,
      },
    [labels],
  );
  const summary = useCallback(
    (index: number) => {
      const flags = flagsOf(index);
      if (!flags) return "";
      const value = values[index] as number;
      const shown = feature === "event_count" && !score ? undefined : { label: featureLabel, value };
      return describeWindow({ index, start: starts[index] as number, events: events ? (events[index] as number) : null, feature: shown, flags });
    },
    [flagsOf, starts, events, feature, score, featureLabel, values],
  );
  const tooltip = useCallback((index: number) => {
    const flags = flagsOf(index);
    return flags ? [describeVerdict(flags)] : [];
  }, [flagsOf]);
  const keyState = useMemo(
    () => (ready && labels && series ? { selected: select, range, bounds, minSpan, window: series.window, starts, anomalies: labels.ensemble } : null),
    [ready, labels, series, select, range, bounds, minSpan, starts],
  );
  const keys = useTimelineKeys({ state: keyState, describe: summary, windowHref: props.windowHref, onSelect: props.onSelect, onRangeChange: props.onRangeChange });
  const { onRangeChange } = props;
  const changeRange = useCallback((r: TimeRange) => onRangeChange(r.min <= bounds.min && r.max >= bounds.max ? null : r), [onRangeChange, bounds]);
  // The chart's gist in words: one pass over the visible windows, when the range, the flags or the severities change.
  const description = useMemo(
    () => (series ? describeTimeline({ starts, window: series.window, from: range.min, to: range.max, flags: labels?.ensemble ?? null, severity: severity?.ensemble ?? null }) : ""),
    [series, starts, range.min, range.max, labels, severity],
  );

  const zoomed = props.range !== null;
  const count = series?.count ?? props.windowCount;
  const toggle = (key: TimelineDatasetKey) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <Card label="Timeline">
      <CardHeader
        title="Timeline"
        description={
          <>
            {series ? `${formatUtcShort(range.min)} – ${formatUtcShort(range.max)} UTC · ` : ""}drag to zoom, Shift + drag to pan, Ctrl + wheel to zoom; focused: arrows, Page Up/Down, +/−, Enter
            {line.length > 0 && line.length < count && ` · ${formatCount(count)} windows aggregated (min/max per pixel, anomalies kept)`}
            {markers?.thinned && " · dense anomalies drawn as their outline: zoom in to see each"}
          </>
        }
        actions={
          <>
            <SeverityTimelineSeriesPicker
              feature={feature}
              score={score}
              featureNames={props.featureNames}
              dbscanRanked={severity === null || severity.dbscan !== null}
              onFeatureChange={props.onFeatureChange}
              onScoreChange={props.onScoreChange}
            />
            <Button size="sm" onClick={() => props.onRangeChange(null)} disabled={!zoomed} title="Show the whole run">
              <ZoomOutIcon size={14} />
              Reset zoom
            </Button>
          </>
        }
      />
      <div className="px-3 pt-3">
        <TimelineLegend labels={labels} hidden={hidden} onToggle={toggle} />
        <p id={keysId} className="sr-only">
          Arrow keys select the previous or next window; Shift with an arrow, or Page Up and Page Down, jump to the previous or next ensemble anomaly; Home and End
          select the first and last window; plus and minus zoom in and out; Enter opens the selected window; Escape clears the selection.
        </p>
        <TimelineChart
          line={line}
          overlay={overlay}
          range={range}
          bounds={bounds}
          minSpan={minSpan}
          featureLabel={featureLabel}
          starts={starts}
          describe={tooltip}
          onRangeChange={changeRange}
          onSelect={keys.selectByPointer}
          onKeyDown={keys.onKeyDown}
          label={`${featureLabel} per window over time, with anomalies marked per model`}
          describedBy={`${descriptionId} ${keysId}`}
          placeholder={ready ? null : `Loading ${formatCount(count)} windows…`}
        />
        <p role="status" className="sr-only">
          {keys.announcement}
        </p>
        <div className="pl-[52px] pb-2">
          <TimelineOverview line={overview} markers={overviewMarkers} bounds={bounds} range={range} minSpan={minSpan} onRangeChange={changeRange} />
        </div>
        <p id={descriptionId} className="pb-2 pl-1 text-xs text-slate-600" data-testid="timeline-description">
          {description}
        </p>
      </div>
      {series && (
        <SeveritySwimlanes
          severity={severity}
          starts={starts}
          window={series.window}
          range={range}
          selected={select}
          onSelect={props.onSelect}
          hostsUrl={props.hostsUrl}
          combined={series.score !== null}
        />
      )}
      {select !== null && labels && (
        <TimelineSelection
          index={select}
          start={starts[select] ?? 0}
          featureLabel={featureLabel}
          value={values[select] ?? NaN}
          labels={labels}
          href={props.windowHref(select)}
          onClear={() => props.onSelect(null)}
        />
      )}
    </Card>
  );
});
