"use client";

import type { LabelSettings } from "@/lib/domain/types";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DownloadIcon, ResetIcon } from "@/components/ui/icons";
import { ModelMarker } from "@/components/ui/model-marker";
import { formatCount, formatNumber, formatPercent } from "@/lib/ui/format";
import type { ClientLabels } from "@/lib/ui/relabel-client";
import type { SliderRange } from "@/lib/ui/threshold-ranges";
import { PresetsSection, type PresetItem } from "./presets-section";
import { SliderField } from "./slider-field";

interface ThresholdPanelProps {
  runId: number;
  settings: LabelSettings;
  base: LabelSettings;
  ranges: Record<keyof LabelSettings, SliderRange>;
  labels: ClientLabels;
  windowCount: number;
  dbscan: { pending: boolean; error: string | null };
  presets: PresetItem[];
  exportHref: string;
  /** Ensemble anomalies under the run's own thresholds, to show what a change does. */
  baseEnsembleCount: number;
  /** A run that combines by score: its cut. The ensemble then follows the combined score, not the votes. */
  scoreCut: number | null;
  /**
   * A live run (issue #17): the sliders wait. Its windows are labelled by the model's thresholds as
   * they close, so a relabelling by quantile would move with every new window, and would not be what
   * the stream stores and announces.
   */
  live?: boolean;
  onChange: (patch: Partial<LabelSettings>) => void;
}

function Delta({ now, base }: { now: number; base: number }) {
  if (now === base) return null;
  return <span className={`tabular ${now > base ? "text-red-600" : "text-emerald-700"}`}>{now > base ? "+" : ""}{formatCount(now - base)}</span>;
}

/** Threshold sliders that relabel the run live, presets, reset and CSV export of the current labels. */
export function ThresholdPanel(props: ThresholdPanelProps) {
  const { settings, base, ranges, labels, onChange, windowCount } = props;
  const changed = (Object.keys(base) as (keyof LabelSettings)[]).some((k) => settings[k] !== base[k]);
  const dbscanStatus = props.dbscan.error ? (
    <span className="text-amber-700" title={props.dbscan.error}>refit failed</span>
  ) : props.dbscan.pending ? (
    <span className="animate-pulse text-blue-600">refitting…</span>
  ) : null;

  return (
    <Card label="Thresholds">
      <CardHeader
        title="Thresholds"
        description="Relabel from stored scores — no retraining"
        actions={
          <Button size="sm" variant="ghost" onClick={() => onChange(base)} disabled={!changed} title="Back to the run's own thresholds">
            <ResetIcon size={14} />
            Reset
          </Button>
        }
      />
      {props.live && (
        <p className="mx-4 mt-4 rounded-md bg-violet-50 px-3 py-2 text-[12px] text-violet-900" data-testid="live-thresholds-note">
          Live run: each window is labelled by the model&apos;s thresholds as it closes; the sliders relabel once the stream stops.
        </p>
      )}
      <fieldset disabled={props.live} className="min-w-0 space-y-5 px-4 py-4 disabled:opacity-60">
        <legend className="sr-only">Thresholds of the labels</legend>
        <SliderField
          name="contamination"
          label="IF contamination"
          value={settings.contamination}
          baseValue={base.contamination}
          range={ranges.contamination}
          onChange={(v) => onChange({ contamination: v })}
          hint={<>flags {formatPercent(settings.contamination)} · score &gt; {formatNumber(labels.ifThreshold, 4)}</>}
          status={<span className="flex items-center gap-1"><ModelMarker model="isolationForest" size={8} />{formatCount(labels.counts.isolationForest)}</span>}
        />
        <SliderField
          name="aePercentile"
          label="AE percentile"
          value={settings.aePercentile}
          baseValue={base.aePercentile}
          range={ranges.aePercentile}
          onChange={(v) => onChange({ aePercentile: v })}
          hint={<>error &gt; {formatNumber(labels.aeThreshold, 4)}</>}
          status={<span className="flex items-center gap-1"><ModelMarker model="autoencoder" size={8} />{formatCount(labels.counts.autoencoder)}</span>}
        />
        <SliderField
          name="eps"
          label="DBSCAN eps"
          value={settings.eps}
          baseValue={base.eps}
          range={ranges.eps}
          onChange={(v) => onChange({ eps: v })}
          hint="radius on scaled features"
          status={dbscanStatus ?? <span className="flex items-center gap-1"><ModelMarker model="dbscan" size={8} />{formatCount(labels.counts.dbscan)}</span>}
        />
        <SliderField
          name="minSamples"
          label="DBSCAN min samples"
          value={settings.minSamples}
          baseValue={base.minSamples}
          range={ranges.minSamples}
          onChange={(v) => onChange({ minSamples: v })}
          hint="neighbours of a core window"
          status={dbscanStatus}
        />
        {props.scoreCut !== null ? (
          <p className="rounded-md bg-slate-100 px-3 py-2 text-[12px] text-slate-700">
            This run flags by one combined score: a window is an ensemble anomaly when its combined score, a robust z-score of how far its
            features (alone and over the windows around it), each host&apos;s error lines (against that host&apos;s own windows) and the
            models&apos; scores are from ordinary, is above {props.scoreCut}. The
            sliders above move each model&apos;s own labels; votes do not apply.
          </p>
        ) : (
          <fieldset>
            <legend className="text-[13px] font-medium text-slate-700">Ensemble votes</legend>
            <div className="mt-2 grid grid-cols-3 gap-1 rounded-md bg-slate-100 p-1" role="radiogroup" aria-label="Models that must agree">
              {[1, 2, 3].map((v) => (
                <button
                  key={v}
                  type="button"
                  role="radio"
                  aria-checked={settings.votes === v}
                  onClick={() => onChange({ votes: v })}
                  className={`h-7 rounded text-xs font-medium transition-colors ${settings.votes === v ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-800"}`}
                >
                  {v === 1 ? "any 1" : v === 2 ? "2 of 3" : "all 3"}
                </button>
              ))}
            </div>
          </fieldset>
        )}
      </fieldset>
      <div className="px-4 pb-4">
        <div className="grid grid-cols-2 gap-3 rounded-md border border-red-100 bg-red-50/60 px-3 py-2.5">
          <div>
            <div className="text-[11px] font-medium text-red-700">Ensemble anomalies</div>
            <div className="tabular text-lg font-semibold text-red-700">{formatCount(labels.counts.ensemble)}</div>
          </div>
          <div className="text-right text-[11px] text-slate-600">
            <div>{formatPercent(labels.counts.ensemble / Math.max(windowCount, 1))} of windows</div>
            <div className="mt-1">
              vs run&apos;s own {formatCount(props.baseEnsembleCount)}: <Delta now={labels.counts.ensemble} base={props.baseEnsembleCount} />
              {labels.counts.ensemble === props.baseEnsembleCount && <span className="text-slate-600">same</span>}
            </div>
          </div>
        </div>
      </div>
      <div className="space-y-4 border-t border-slate-100 px-4 py-4">
        <fieldset disabled={props.live} className="min-w-0 disabled:opacity-60">
          <legend className="mb-2 text-[13px] font-medium text-slate-700">Presets</legend>
          <PresetsSection runId={props.runId} settings={settings} presets={props.presets} onApply={(p) => onChange(p)} />
        </fieldset>
        <a href={props.exportHref} className={buttonClass("secondary", "md", "w-full")} download>
          <DownloadIcon size={15} />
          Export CSV with these labels
        </a>
      </div>
    </Card>
  );
}
