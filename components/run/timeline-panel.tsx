"use client";

import Link from "next/link";
import { memo, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ZoomOutIcon } from "@/components/ui/icons";
import { ModelMarker } from "@/components/ui/model-marker";
import { FEATURE_NAMES, type FeatureName } from "@/lib/logs/types";
import { FEATURE_LABELS } from "@/lib/ui/feature-labels";
import { formatCount, formatNumber, formatUtc, formatUtcShort } from "@/lib/ui/format";
import { MODEL_STYLE } from "@/lib/ui/model-style";
import type { ClientLabels } from "@/lib/ui/relabel-client";
import { featureColumn, type RunSeries } from "@/lib/ui/run-series";
import { buildTimelineData } from "@/lib/ui/timeline-data";
import { TimelineChart, type TimeRange } from "./timeline-chart";
import type { TimelineDatasetKey } from "./timeline-config";
import { TimelineOverview } from "./timeline-overview";

interface TimelinePanelProps {
  series: RunSeries;
  labels: ClientLabels;
  feature: FeatureName;
  range: TimeRange | null;
  selected: number | null;
  windowHref: (index: number) => string;
  onFeatureChange: (feature: FeatureName) => void;
  onRangeChange: (range: TimeRange | null) => void;
  onSelect: (index: number | null) => void;
}

const LEGEND: { key: Exclude<TimelineDatasetKey, "line">; label: string }[] = [
  { key: "ensemble", label: "Ensemble" },
  { key: "isolationForest", label: MODEL_STYLE.isolationForest.name },
  { key: "dbscan", label: MODEL_STYLE.dbscan.name },
  { key: "autoencoder", label: MODEL_STYLE.autoencoder.name },
];

// About one bucket (two line points) per pixel of the timeline's width; data is prepared for one
// more view width either side, so a pan shows data at once.
const BUCKETS = 850;

export const TimelinePanel = memo(function TimelinePanel(props: TimelinePanelProps) {
  const { series, labels, feature, selected } = props;
  const [hidden, setHidden] = useState<ReadonlySet<TimelineDatasetKey>>(new Set());
  const featureIndex = FEATURE_NAMES.indexOf(feature);
  const values = useMemo(() => featureColumn(series, featureIndex), [series, featureIndex]);
  const bounds = useMemo<TimeRange>(() => {
    const first = series.starts[0] ?? 0;
    const last = series.starts[series.count - 1] ?? first;
    return { min: first, max: Math.max(last + series.window, first + series.window) };
  }, [series]);
  const range = props.range ?? bounds;
  const minSpan = series.window * 6;

  const data = useMemo(() => {
    const span = range.max - range.min;
    const from = Math.max(range.min - span, bounds.min);
    const to = Math.min(range.max + span, bounds.max);
    // BUCKETS per visible width, so the margins cost no more per pixel than the view itself.
    const buckets = Math.max(1, Math.round((BUCKETS * (to - from)) / Math.max(span, 1)));
    return buildTimelineData({ starts: series.starts, values, labels, from, to, buckets });
  }, [series.starts, values, labels, range.min, range.max, bounds]);
  const overview = useMemo(
    () => buildTimelineData({ starts: series.starts, values, labels, from: bounds.min, to: bounds.max, buckets: 400 }),
    [series.starts, values, labels, bounds],
  );

  const zoomed = props.range !== null;
  const visible = data.line.filter((p) => p.x >= range.min && p.x <= range.max).length;
  const toggle = (key: TimelineDatasetKey) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const select = selected !== null && selected < series.count ? selected : null;

  return (
    <Card label="Timeline">
      <CardHeader
        title="Timeline"
        description={
          <>
            {formatUtcShort(range.min)} – {formatUtcShort(range.max)} UTC · drag to zoom, Shift + drag to pan, Ctrl + wheel to zoom
            {visible < series.count && ` · ${formatCount(series.count)} windows aggregated (min/max per pixel, anomalies kept)`}
            {data.thinned && " · dense anomalies drawn as their outline: zoom in to see each"}
          </>
        }
        actions={
          <>
            <label className="sr-only" htmlFor="timeline-feature">Feature shown</label>
            <select
              id="timeline-feature"
              value={feature}
              onChange={(event) => props.onFeatureChange(event.target.value as FeatureName)}
              className="h-8 rounded-md border border-slate-300 bg-white px-2 text-[13px] text-slate-700 shadow-sm"
            >
              {FEATURE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {FEATURE_LABELS[name]}
                </option>
              ))}
            </select>
            <Button size="sm" onClick={() => props.onRangeChange(null)} disabled={!zoomed} aria-label="Show the whole run">
              <ZoomOutIcon size={14} />
              Reset zoom
            </Button>
          </>
        }
      />
      <div className="px-3 pt-3">
        <div className="mb-1 flex flex-wrap items-center gap-1.5 pl-1" role="group" aria-label="Show or hide markers">
          {LEGEND.map(({ key, label }) => {
            const on = !hidden.has(key);
            const count = key === "ensemble" ? labels.counts.ensemble : labels.counts[key];
            return (
              <button
                key={key}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(key)}
                className={`inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors ${
                  on ? "border-slate-200 bg-white text-slate-700 shadow-sm" : "border-dashed border-slate-300 bg-slate-50 text-slate-400 line-through"
                }`}
              >
                <ModelMarker model={key} size={10} muted={!on} />
                {label}
                <span className="tabular text-slate-400">{formatCount(count)}</span>
              </button>
            );
          })}
        </div>
        <TimelineChart
          data={data}
          range={range}
          bounds={bounds}
          minSpan={minSpan}
          featureLabel={FEATURE_LABELS[feature]}
          hidden={hidden}
          starts={series.starts}
          selected={select}
          onRangeChange={(r) => props.onRangeChange(r.min <= bounds.min && r.max >= bounds.max ? null : r)}
          onSelect={(i) => props.onSelect(i)}
          label={`${FEATURE_LABELS[feature]} per window over time, with anomalies marked per model`}
        />
        <div className="pl-[52px] pb-2">
          <TimelineOverview data={overview} bounds={bounds} range={range} minSpan={minSpan} onRangeChange={(r) => props.onRangeChange(r.min <= bounds.min && r.max >= bounds.max ? null : r)} />
        </div>
      </div>
      {select !== null && (
        <div className="flex flex-wrap items-center gap-x-6 gap-y-1 border-t border-slate-100 bg-slate-50/70 px-4 py-2.5 text-xs">
          <span className="font-medium text-slate-900">
            Window #{select} · {formatUtc(series.starts[select] ?? 0)} UTC
          </span>
          <span className="text-slate-600">
            {FEATURE_LABELS[feature]}: <span className="tabular font-medium text-slate-800">{formatNumber(values[select] ?? NaN)}</span>
          </span>
          <span className="flex items-center gap-2 text-slate-600">
            {(["isolationForest", "dbscan", "autoencoder", "ensemble"] as const).map((k) =>
              labels[k][select] ? (
                <span key={k} className="inline-flex items-center gap-1" style={{ color: MODEL_STYLE[k].color }}>
                  <ModelMarker model={k} size={9} /> {MODEL_STYLE[k].short}
                </span>
              ) : null,
            )}
            {labels.votes[select] === 0 && "no model flags it"}
          </span>
          <span className="ml-auto flex gap-3">
            <button type="button" className="text-slate-500 hover:text-slate-800" onClick={() => props.onSelect(null)}>
              Clear
            </button>
            <Link href={props.windowHref(select)} className="font-medium text-blue-700 hover:text-blue-900">
              Open window →
            </Link>
          </span>
        </div>
      )}
    </Card>
  );
});
