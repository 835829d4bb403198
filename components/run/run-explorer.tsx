"use client";

import type { AnomalyCounts, LabelSettings, RunTruth, ThresholdChoices as ThresholdChoicesData } from "@/lib/domain/types";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { MAX_K_DISTANCE_MIN_SAMPLES } from "@/lib/detectors/k-distance-limit";
import type { ExtendedFeatureName } from "@/lib/logs/types";
import { combineLabels, computeClientLabels, flagAboveCut, flagAboveQuantile, type ClientLabels } from "@/lib/ui/relabel-client";
import { modelCutsFor } from "@/lib/ui/model-cuts";
import { thresholdRanges } from "@/lib/ui/threshold-ranges";
import { changedThresholds, encodeRunView, pickThresholds, THRESHOLD_KEYS, thresholdQuery, toQueryString, windowsApiQuery, type RunViewState } from "@/lib/ui/url-state";
import type { ScoreSeriesKey } from "@/lib/ui/timeline-series";
import type { WindowPageData } from "@/lib/ui/window-rows";
import { AgreementPanel } from "./agreement-panel";
import { EvaluationPanel } from "./evaluation-panel";
import type { PresetItem } from "./presets-section";
import { RunCounts } from "./run-counts";
import { ScoresPanel } from "./scores-panel";
import { useLaneSeverities } from "./severity-swimlanes";
import { ThresholdChoices } from "./threshold-choices";
import { ThresholdPanel } from "./threshold-panel";
import { TopAnomalies } from "./top-anomalies";
import { TimelinePanel } from "./timeline-panel";
import { useDbscanLabels } from "./use-dbscan-labels";
import { useDbscanDistance, useFeatureColumn, useRunSeries } from "./use-run-series";
import { useUrlSync } from "./use-url-sync";
import { WindowsTable } from "./windows-table";

/** What the server knows without reading every window: enough for the first paint. */
export interface RunSummary {
  windowCount: number;
  /** The run's feature columns: the eight seed names, or the thirteen of an extended run. */
  featureNames: readonly string[];
  /** Anomalies per model under the run's own thresholds. */
  counts: AnomalyCounts | null;
  ifThreshold: number | null;
  aeThreshold: number | null;
}

interface RunExplorerProps {
  runId: number;
  /** GET /api/runs/:id/series URL of the core data (the page preloads it). */
  seriesUrl: string;
  /** The run's data version, for further series requests. */
  version: string;
  summary: RunSummary;
  base: LabelSettings;
  initialView: RunViewState;
  presets: PresetItem[];
  initialTable: { query: string; data: WindowPageData } | null;
  /** Ground truth attached to the run (evaluation panel), or null. */
  truth?: RunTruth | null;
  /** How `auto` (or labels) chose the run's thresholds, or null for runs without the record. */
  choices?: ThresholdChoicesData | null;
  /** A stream's run (issue #17): its own labels are the model's fixed cuts (lib/ui/model-cuts.ts). */
  modelCuts?: boolean;
  /** Still live: windows arrive, and the sliders wait until the stream stops. */
  live?: boolean;
}

const NO_FLAGS = new Uint8Array(0);

/** Counts and thresholds before the windows are in: the stored ones for the run's own thresholds, unknown (—) otherwise. */
function summaryLabels(summary: RunSummary, own: boolean): ClientLabels {
  const counts = own && summary.counts ? summary.counts : { isolationForest: NaN, dbscan: NaN, autoencoder: NaN, ensemble: NaN };
  return {
    isolationForest: NO_FLAGS,
    dbscan: NO_FLAGS,
    autoencoder: NO_FLAGS,
    ensemble: NO_FLAGS,
    votes: NO_FLAGS,
    anyModel: NO_FLAGS,
    ifThreshold: own ? (summary.ifThreshold ?? NaN) : NaN,
    aeThreshold: own ? (summary.aeThreshold ?? NaN) : NaN,
    counts: { ...counts, anyModel: NaN },
  };
}

/** The Run page's interactive part: one set of thresholds drives counts, charts and the table. */
export function RunExplorer({ runId, seriesUrl, version, summary, base, initialView, presets, initialTable, truth = null, choices = null, modelCuts = false, live = false }: RunExplorerProps) {
  const { series, error } = useRunSeries(seriesUrl);
  // The thresholds live in `settings`; the view keeps the table, timeline and selection.
  const [view, setView] = useState<RunViewState>(() => ({ ...initialView, ...Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, undefined])) }));
  const [settings, setSettings] = useState<LabelSettings>(() => ({ ...base, ...pickThresholds(initialView) }));
  // Heavy work (relabelling 50k windows, redrawing markers) follows the sliders at React's pace.
  const deferred = useDeferredValue(settings);
  const dbscan = useDbscanLabels(runId, version, series, deferred.eps, deferred.minSamples);
  const sorted = useMemo(
    () => series && { isolationForest: Float64Array.from(series.isolationForest).sort(), autoencoder: Float64Array.from(series.autoencoder).sort() },
    [series],
  );
  // Each detector relabels only when its own threshold moves; a stream's run at its own threshold keeps the model's cut.
  const cuts = modelCutsFor(modelCuts, summary, deferred, base);
  const ifFlags = useMemo(
    () => series && sorted && (cuts.isolationForest !== null ? flagAboveCut(series.isolationForest, cuts.isolationForest) : flagAboveQuantile(series.isolationForest, 1 - deferred.contamination, sorted.isolationForest)),
    [series, sorted, deferred.contamination, cuts.isolationForest],
  );
  const aeFlags = useMemo(
    () => series && sorted && (cuts.autoencoder !== null ? flagAboveCut(series.autoencoder, cuts.autoencoder) : flagAboveQuantile(series.autoencoder, deferred.aePercentile / 100, sorted.autoencoder)),
    [series, sorted, deferred.aePercentile, cuts.autoencoder],
  );
  const labels = useMemo(
    // A run that combines by score takes its ensemble from the combined scores (series.score), whatever the votes.
    () => (ifFlags && aeFlags && dbscan.labels ? combineLabels(ifFlags, dbscan.labels, aeFlags, deferred.votes, series?.score ?? null) : null),
    [ifFlags, aeFlags, dbscan.labels, deferred.votes, series],
  );
  const overrides = changedThresholds(settings, base);
  const own = Object.keys(overrides).length === 0;
  const shownLabels = useMemo(() => labels ?? summaryLabels(summary, own), [labels, summary, own]);
  const baseCount = useMemo(
    () => summary.counts?.ensemble ?? (series ? computeClientLabels(series, series.dbscan, base, sorted ?? undefined).counts.ensemble : NaN),
    [summary.counts, series, base, sorted],
  );
  const ranges = useMemo(() => {
    const all = thresholdRanges(base);
    // The k-distance chart follows this slider, and the server draws it for min samples up to the limit.
    return { ...all, minSamples: { ...all.minSamples, max: Math.min(all.minSamples.max, MAX_K_DISTANCE_MIN_SAMPLES) } };
  }, [base]);
  // The panels below the fold (agreement, histograms) take the new labels in a second, deferred
  // render, so the counts and the timeline show first when the data arrives.
  const panelLabels = useDeferredValue(labels);
  const panelScores = useDeferredValue(series);
  // A seed run asked (by URL) for a template feature it does not have shows its event count.
  const featureIndex = Math.max(summary.featureNames.indexOf(view.feature), 0);
  const shownFeature = (summary.featureNames[featureIndex] ?? "event_count") as ExtendedFeatureName;
  const values = useFeatureColumn(series, runId, version, featureIndex);

  const fullView: RunViewState = { ...view, ...overrides };
  useUrlSync(fullView);

  // A window's link carries the whole view (not the selection), so its breadcrumb comes back to it.
  const windowQuery = toQueryString(encodeRunView({ ...view, window: undefined, ...changedThresholds(deferred, base) }));
  const windowHref = useCallback((index: number) => `/runs/${runId}/windows/${index}${windowQuery}`, [runId, windowQuery]);
  const sort = view.sort;
  const direction = view.direction ?? (sort === "time" ? "asc" : "desc");
  const tableQuery = windowsApiQuery(deferred, { filter: view.filter, sort, direction, page: view.page, pageSize: view.pageSize, q: view.q, from: view.from, to: view.to });

  const changeSettings = useCallback((patch: Partial<LabelSettings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    setView((v) => (v.page === 1 ? v : { ...v, page: 1 }));
  }, []);
  // Stable callbacks and memoised panels: moving a slider re-renders the threshold panel at once
  // and everything else only when the deferred thresholds catch up.
  const onFeatureChange = useCallback((feature: ExtendedFeatureName) => setView((v) => ({ ...v, feature, score: undefined })), []);
  const onScoreChange = useCallback((score: ScoreSeriesKey | null) => setView((v) => ({ ...v, score: score ?? undefined })), []);
  const onRangeChange = useCallback(
    (r: { min: number; max: number } | null) => setView((v) => ({ ...v, from: r ? Math.floor(r.min) : undefined, to: r ? Math.ceil(r.max) : undefined })),
    [],
  );
  const onSelect = useCallback((i: number | null) => setView((v) => ({ ...v, window: i ?? undefined })), []);
  const onTableChange = useCallback((patch: Partial<RunViewState>) => setView((v) => ({ ...v, ...patch })), []);
  const onPickEps = useCallback((eps: number) => changeSettings({ eps: Number(eps.toPrecision(3)) }), [changeSettings]);
  // Stored distance to the nearest DBSCAN core point (run's own eps): the evaluation curves and the
  // Top anomalies' severity both rank windows by it.
  const dbscanDistance = useDbscanDistance(series, runId, version, true);
  // The curves wait for the distances (one computation, DBSCAN included) unless there are none.
  const evaluationScores = useMemo(
    () =>
      panelScores && dbscanDistance !== undefined
        ? { isolationForest: panelScores.isolationForest, autoencoder: panelScores.autoencoder, dbscanDistance, combined: panelScores.score?.combined ?? null }
        : null,
    [panelScores, dbscanDistance],
  );
  const severity = useLaneSeverities(panelScores, dbscanDistance);
  const range = useMemo(() => (view.from !== undefined && view.to !== undefined ? { min: view.from, max: view.to } : null), [view.from, view.to]);

  return (
    <>
      <RunCounts windowCount={summary.windowCount} labels={shownLabels} modified={!own} />
      {error && (
        <p role="alert" className="mb-5 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-800">
          {error} Reload the page to try again.
        </p>
      )}
      <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_312px]">
        <div className="min-w-0 space-y-5">
          <TopAnomalies
            runId={runId}
            starts={series?.starts ?? null}
            severity={severity?.ensemble ?? null}
            combined={Boolean(series?.score)}
            ensemble={labels?.ensemble ?? null}
            windowHref={windowHref}
          />
          <TimelinePanel
            series={series}
            values={values}
            labels={labels}
            windowCount={summary.windowCount}
            feature={shownFeature}
            featureNames={summary.featureNames}
            range={range}
            selected={view.window ?? null}
            windowHref={windowHref}
            onFeatureChange={onFeatureChange}
            score={view.score}
            onScoreChange={onScoreChange}
            onRangeChange={onRangeChange}
            onSelect={onSelect}
            severity={severity}
            hostsUrl={`/api/runs/${runId}/hosts?v=${version}`}
          />
          <AgreementPanel labels={panelLabels} />
          <EvaluationPanel
            runId={runId}
            truth={truth}
            windowCount={summary.windowCount}
            scores={evaluationScores}
            labels={panelLabels}
            starts={panelScores?.starts ?? null}
            windowHref={windowHref}
          />
          <ScoresPanel runId={runId} scores={panelScores} labels={panelLabels ?? shownLabels} settings={deferred} onPickEps={onPickEps} />
          <WindowsTable
            runId={runId}
            query={tableQuery}
            filter={view.filter}
            sort={sort}
            direction={direction}
            page={view.page}
            pageSize={view.pageSize}
            q={view.q}
            from={view.from}
            to={view.to}
            starts={series?.starts ?? null}
            truth={truth?.windows ?? null}
            initial={initialTable}
            version={version}
            windowHref={windowHref}
            onChange={onTableChange}
          />
        </div>
        <aside className="min-w-0 rounded-lg lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto" aria-label="Threshold controls">
          <ThresholdPanel
            runId={runId}
            settings={settings}
            base={base}
            ranges={ranges}
            labels={shownLabels}
            windowCount={summary.windowCount}
            dbscan={dbscan}
            presets={presets}
            baseEnsembleCount={baseCount}
            scoreCut={series?.score?.cut ?? null}
            exportHref={`/api/runs/${runId}/windows.csv?${thresholdQuery(deferred)}`}
            live={live}
            onChange={changeSettings}
          />
          <ThresholdChoices choices={choices} className="mt-5" />
        </aside>
      </div>
    </>
  );
}
