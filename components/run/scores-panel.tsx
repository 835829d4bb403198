"use client";
import type { LabelSettings } from "@/lib/domain/types";
import { memo } from "react";

import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { formatCount, formatNumber } from "@/lib/ui/format";
import type { ClientLabels } from "@/lib/ui/relabel-client";
import { KDistanceChart } from "./k-distance-chart";
import { ScoreHistogram } from "./score-histogram";

interface ScoresPanelProps {
  runId: number;
  /** Null while the run's data loads. */
  scores: { isolationForest: ArrayLike<number>; autoencoder: ArrayLike<number> } | null;
  labels: ClientLabels;
  settings: LabelSettings;
  onPickEps: (eps: number) => void;
}

function Title({ model, text, count }: { model: "isolationForest" | "dbscan" | "autoencoder"; text: string; count: number }) {
  return (
    <div className="mb-1 flex items-center justify-between text-xs">
      <span className="flex items-center gap-1.5 font-medium text-slate-700">
        <ModelMarker model={model} size={9} />
        {text}
      </span>
      <span className="tabular text-slate-500">{formatCount(count)} flagged</span>
    </div>
  );
}

/** Where each threshold cuts its detector's scores: IF and AE histograms, DBSCAN's k-distance curve. */
const NONE = new Float64Array(0);

export const ScoresPanel = memo(function ScoresPanel({ runId, scores, labels, settings, onPickEps }: ScoresPanelProps) {
  return (
    <Card label="Scores and thresholds">
      <CardHeader title="Scores & thresholds" description="Coloured bins lie beyond the threshold; click the k-distance curve to set eps" />
      <div className="grid grid-cols-1 gap-5 p-4 md:grid-cols-3">
        <div className="min-w-0">
          <Title model="isolationForest" text="Isolation Forest score" count={labels.counts.isolationForest} />
          <ScoreHistogram
            values={scores?.isolationForest ?? NONE}
            threshold={labels.ifThreshold}
            model="isolationForest"
            xLabel="anomaly score"
            label={`Histogram of Isolation Forest scores with the threshold at ${formatNumber(labels.ifThreshold, 3)}`}
          />
        </div>
        <div className="min-w-0">
          <Title model="autoencoder" text="Autoencoder error" count={labels.counts.autoencoder} />
          <ScoreHistogram
            values={scores?.autoencoder ?? NONE}
            threshold={labels.aeThreshold}
            model="autoencoder"
            log
            xLabel="reconstruction MSE (log)"
            label={`Histogram of autoencoder reconstruction errors with the threshold at ${formatNumber(labels.aeThreshold, 3)}`}
          />
        </div>
        <div className="min-w-0">
          <Title model="dbscan" text="DBSCAN k-distance" count={labels.counts.dbscan} />
          <KDistanceChart runId={runId} minSamples={settings.minSamples} eps={settings.eps} onPickEps={onPickEps} />
        </div>
      </div>
    </Card>
  );
});
