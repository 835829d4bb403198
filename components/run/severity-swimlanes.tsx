"use client";

import { memo, useEffect, useId, useMemo, useRef, useState } from "react";
import type { ScoreVerdict } from "@/lib/detectors/ensemble";
import { MODEL_STYLE } from "@/lib/ui/model-style";
import { bandRangeText, SEVERITY_BANDS } from "@/lib/ui/severity-bands";
import { describeLane, laneSeverity, SEVERITY_LANE_KEYS, type LaneSeverities, type SeverityLaneKey } from "@/lib/ui/severity-lanes";
import type { TimeRange } from "@/lib/ui/timeline-keys";
import { SeverityHostLanes } from "./severity-host-lanes";
import { SeverityLaneGrid, type SeverityLane } from "./severity-lane-grid";

interface SeveritySwimlanesProps {
  /** Null while the scores (and the DBSCAN distances) load. */
  severity: LaneSeverities | null;
  starts: ArrayLike<number>;
  window: number;
  /** The timeline's visible range: the lanes follow its zoom. */
  range: TimeRange;
  selected: number | null;
  onSelect: (index: number) => void;
  /** GET /api/runs/:id/hosts, read when the host lanes are opened. */
  hostsUrl: string;
  /** The run combines by score: the ensemble lane is its combined score. */
  combined: boolean;
}

// About one cell per 5 px of the lanes' width, within bounds that keep cells clickable on a phone
// and the DOM small on a wide screen.
const CELL_PX = 5;
const MIN_CELLS = 24;
const MAX_CELLS = 240;

/**
 * The lanes' severities, threshold-free: computed once per run's data, never per slider move. Each
 * lane ranks every window (a sort of 60k values), so each gets a task of its own after the first
 * paint, and none becomes one long task with the others. Null until all are in.
 */
export function useLaneSeverities(
  scores: { isolationForest: Float64Array; autoencoder: Float64Array; score: ScoreVerdict | null } | null,
  dbscanDistance: Float64Array | null | undefined,
): LaneSeverities | null {
  const [done, setDone] = useState<{ scores: object; distance: Float64Array | null; lanes: LaneSeverities } | null>(null);
  useEffect(() => {
    if (!scores || dbscanDistance === undefined) return;
    const columns = { isolationForest: scores.isolationForest, autoencoder: scores.autoencoder, dbscanDistance, score: scores.score };
    const lanes: Partial<Record<SeverityLaneKey, Float64Array | null>> = {};
    let next = 0;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const key = SEVERITY_LANE_KEYS[next++] as SeverityLaneKey;
      lanes[key] = laneSeverity(key, columns);
      if (next < SEVERITY_LANE_KEYS.length) timer = setTimeout(step, 0);
      else setDone({ scores, distance: dbscanDistance, lanes: lanes as LaneSeverities });
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [scores, dbscanDistance]);
  return done && done.scores === scores && done.distance === dbscanDistance ? done.lanes : null;
}

/** How many cells fit the element's width; follows resizes. */
function useCellCount() {
  const ref = useRef<HTMLDivElement>(null);
  const [cells, setCells] = useState(120);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const width = (entry?.contentRect.width ?? 0) - 52; // the row headers
      setCells(Math.max(MIN_CELLS, Math.min(MAX_CELLS, Math.round(width / CELL_PX))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, cells };
}

/** Severity swimlanes under the timeline: the ensemble's and each detector's, then (collapsed) each host's. */
export const SeveritySwimlanes = memo(function SeveritySwimlanes(props: SeveritySwimlanesProps) {
  const { severity, starts, window, range, selected, onSelect, combined } = props;
  const descriptionId = useId();
  const { ref, cells } = useCellCount();
  const lanes = useMemo<SeverityLane[]>(() => {
    if (!severity) return [];
    const rows: SeverityLane[] = [{ key: "ensemble", name: "Ensemble severity", short: MODEL_STYLE.ensemble.short, values: severity.ensemble }];
    rows.push({ key: "isolationForest", name: MODEL_STYLE.isolationForest.name, short: MODEL_STYLE.isolationForest.short, values: severity.isolationForest });
    if (severity.dbscan) rows.push({ key: "dbscan", name: MODEL_STYLE.dbscan.name, short: MODEL_STYLE.dbscan.short, values: severity.dbscan });
    rows.push({ key: "autoencoder", name: MODEL_STYLE.autoencoder.name, short: MODEL_STYLE.autoencoder.short, values: severity.autoencoder });
    return rows;
  }, [severity]);
  const description = useMemo(
    () => lanes.map((lane) => describeLane(lane.name, starts, lane.values, range.min, range.max)).join(" "),
    [lanes, starts, range.min, range.max],
  );

  return (
    <div ref={ref} className="border-t border-slate-100 px-3 pb-3 pr-5 pt-2.5" data-testid="severity-swimlanes">
      <div className="mb-1.5 flex flex-wrap items-baseline gap-x-3 gap-y-1 pl-1 text-xs">
        <h3 className="font-semibold text-slate-800">Severity</h3>
        <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-600" aria-label="Severity bands">
          {SEVERITY_BANDS.map((band) => (
            <li key={band.key} className="inline-flex items-end gap-1">
              <span aria-hidden="true" className="inline-block w-2.5" style={{ height: `${Math.round(band.height * 12)}px`, backgroundColor: band.color }} />
              <span>
                {band.label} <span className="tabular text-slate-500">{bandRangeText(band)}</span>
              </span>
            </li>
          ))}
          <li className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-2.5 border border-dashed border-slate-300 bg-slate-50" />
            no windows
          </li>
        </ul>
      </div>
      <p className="mb-1.5 pl-1 text-xs text-slate-600">
        Severity is how a window ranks in this run (0–100): a detector&apos;s lane ranks its score;{" "}
        {combined ? "the ensemble lane reads the combined score against its cut (99 at the cut)" : "the ensemble averages the three ranks"}, as Top anomalies does.
        Each cell shows its most severe window; click it, or focus the lanes and press Enter, to select that window.
      </p>
      {severity === null ? (
        <p className="pl-1 text-xs text-slate-500">Ranking the windows…</p>
      ) : (
        <>
          <p id={descriptionId} className="sr-only">
            {description}
          </p>
          <SeverityLaneGrid
            lanes={lanes}
            starts={starts}
            window={window}
            range={range}
            cells={cells}
            selected={selected}
            onSelect={onSelect}
            label="Severity per model over the timeline's range"
            describedBy={descriptionId}
          />
          <SeverityHostLanes url={props.hostsUrl} starts={starts} window={window} range={range} cells={cells} selected={selected} onSelect={onSelect} />
        </>
      )}
    </div>
  );
});
