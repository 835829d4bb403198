"use client";

import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { FeatureName } from "@/lib/logs/types";
import type { LabelSettings } from "@/lib/db/types";
import { combineLabels, computeClientLabels, flagAboveQuantile } from "@/lib/ui/relabel-client";
import { decodeRunSeries, type RunSeriesPayload } from "@/lib/ui/run-series";
import { thresholdRanges } from "@/lib/ui/threshold-ranges";
import { encodeRunView, pickThresholds, thresholdQuery, toQueryString, windowsApiQuery, type RunViewState, type ThresholdOverrides } from "@/lib/ui/url-state";
import type { WindowPageData } from "@/lib/ui/window-rows";
import { AgreementPanel } from "./agreement-panel";
import type { PresetItem } from "./presets-section";
import { RunCounts } from "./run-counts";
import { ScoresPanel } from "./scores-panel";
import { ThresholdPanel } from "./threshold-panel";
import { TimelinePanel } from "./timeline-panel";
import { useDbscanLabels } from "./use-dbscan-labels";
import { useUrlSync } from "./use-url-sync";
import { WindowsTable } from "./windows-table";

interface RunExplorerProps {
  runId: number;
  payload: RunSeriesPayload;
  base: LabelSettings;
  initialView: RunViewState;
  presets: PresetItem[];
  initialTable: { query: string; data: WindowPageData } | null;
}

const SETTING_KEYS = ["contamination", "aePercentile", "eps", "minSamples", "votes"] as const;

/** Thresholds that differ from the run's own, as the URL carries them. */
function overridesOf(settings: LabelSettings, base: LabelSettings): ThresholdOverrides {
  const out: ThresholdOverrides = {};
  for (const key of SETTING_KEYS) if (settings[key] !== base[key]) out[key] = settings[key];
  return out;
}

/** The Run page's interactive part: one set of thresholds drives counts, charts and the table. */
export function RunExplorer({ runId, payload, base, initialView, presets, initialTable }: RunExplorerProps) {
  const series = useMemo(() => decodeRunSeries(payload), [payload]);
  const [view, setView] = useState<RunViewState>(() => ({ ...initialView, ...Object.fromEntries(SETTING_KEYS.map((k) => [k, undefined])) }));
  const [settings, setSettings] = useState<LabelSettings>(() => ({ ...base, ...pickThresholds(initialView) }));
  // Heavy work (relabelling 50k windows, rebuilding charts) follows the sliders at React's pace.
  const deferred = useDeferredValue(settings);
  const dbscan = useDbscanLabels(runId, series, deferred.eps, deferred.minSamples);
  const sorted = useMemo(
    () => ({ isolationForest: Float64Array.from(series.isolationForest).sort(), autoencoder: Float64Array.from(series.autoencoder).sort() }),
    [series],
  );
  // Each detector relabels only when its own threshold moves.
  const ifFlags = useMemo(() => flagAboveQuantile(series.isolationForest, 1 - deferred.contamination, sorted.isolationForest), [series, sorted, deferred.contamination]);
  const aeFlags = useMemo(() => flagAboveQuantile(series.autoencoder, deferred.aePercentile / 100, sorted.autoencoder), [series, sorted, deferred.aePercentile]);
  const labels = useMemo(() => combineLabels(ifFlags, dbscan.labels, aeFlags, deferred.votes), [ifFlags, dbscan.labels, aeFlags, deferred.votes]);
  const baseCount = useMemo(() => computeClientLabels(series, series.dbscan, base).counts.ensemble, [series, base]);
  const ranges = useMemo(() => thresholdRanges(base), [base]);

  const overrides = overridesOf(settings, base);
  const fullView: RunViewState = { ...view, ...overrides };
  useUrlSync(fullView);

  const windowQuery = toQueryString(encodeRunView(overridesOf(deferred, base)));
  const windowHref = useCallback((index: number) => `/runs/${runId}/windows/${index}${windowQuery}`, [runId, windowQuery]);
  const sort = view.sort;
  const direction = view.direction ?? (sort === "time" ? "asc" : "desc");
  const tableQuery = windowsApiQuery(deferred, { filter: view.filter, sort, direction, page: view.page });

  const changeSettings = useCallback((patch: Partial<LabelSettings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    setView((v) => (v.page === 1 ? v : { ...v, page: 1 }));
  }, []);
  // Stable callbacks and memoised panels: moving a slider re-renders the threshold panel at once
  // and everything else only when the deferred thresholds catch up.
  const onFeatureChange = useCallback((feature: FeatureName) => setView((v) => ({ ...v, feature })), []);
  const onRangeChange = useCallback(
    (r: { min: number; max: number } | null) => setView((v) => ({ ...v, from: r ? Math.floor(r.min) : undefined, to: r ? Math.ceil(r.max) : undefined })),
    [],
  );
  const onSelect = useCallback((i: number | null) => setView((v) => ({ ...v, window: i ?? undefined })), []);
  const onTableChange = useCallback((patch: Partial<RunViewState>) => setView((v) => ({ ...v, ...patch })), []);
  const onPickEps = useCallback((eps: number) => changeSettings({ eps: Number(eps.toPrecision(3)) }), [changeSettings]);
  const range = useMemo(() => (view.from !== undefined && view.to !== undefined ? { min: view.from, max: view.to } : null), [view.from, view.to]);

  return (
    <>
      <RunCounts windowCount={series.count} labels={labels} modified={Object.keys(overrides).length > 0} />
      <div className="grid grid-cols-[minmax(0,1fr)_312px] items-start gap-5">
        <div className="min-w-0 space-y-5">
          <TimelinePanel
            series={series}
            labels={labels}
            feature={view.feature}
            range={range}
            selected={view.window ?? null}
            windowHref={windowHref}
            onFeatureChange={onFeatureChange}
            onRangeChange={onRangeChange}
            onSelect={onSelect}
          />
          <AgreementPanel labels={labels} />
          <ScoresPanel runId={runId} series={series} labels={labels} settings={deferred} onPickEps={onPickEps} />
          <WindowsTable
            runId={runId}
            query={tableQuery}
            filter={view.filter}
            sort={sort}
            direction={direction}
            page={view.page}
            initial={initialTable}
            windowHref={windowHref}
            onChange={onTableChange}
          />
        </div>
        <aside className="sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto rounded-lg" aria-label="Threshold controls">
          <ThresholdPanel
            runId={runId}
            settings={settings}
            base={base}
            ranges={ranges}
            labels={labels}
            windowCount={series.count}
            dbscan={dbscan}
            presets={presets}
            baseEnsembleCount={baseCount}
            exportHref={`/api/runs/${runId}/windows.csv?${thresholdQuery(deferred)}`}
            onChange={changeSettings}
          />
        </aside>
      </div>
    </>
  );
}
