"use client";

import { memo, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { bandOf } from "@/lib/ui/severity-bands";
import { bucketLanes, describeCell, type CellGrid } from "@/lib/ui/severity-lanes";
import type { TimeRange } from "@/lib/ui/timeline-keys";

export interface SeverityLane {
  key: string;
  /** Full name (accessible names, tooltips). */
  name: string;
  /** What the narrow row header shows. */
  short: string;
  /** Severity 0..1 per window. */
  values: ArrayLike<number>;
  /** More words for a window's cell (a host's counts), after the cell's description. */
  detail?: (index: number) => string;
}

export interface SeverityLaneGridProps {
  lanes: readonly SeverityLane[];
  starts: ArrayLike<number>;
  /** Window length, seconds. */
  window: number;
  range: TimeRange;
  /** Cells per lane across the range. */
  cells: number;
  selected: number | null;
  onSelect: (index: number) => void;
  label: string;
  describedBy?: string;
}

/**
 * Lanes of severity cells on the timeline's time axis: one cell stands for its most severe window
 * (severity-lanes.ts), drawn with its band's colour and height; a cell without windows is left
 * empty (a silent period). A bounded number of DOM cells (a few hundred per lane), so a 60k-window
 * run costs one pass per zoom, and each cell has a name for screen readers and a tooltip. One cell
 * is in the Tab order (roving tabindex): arrows move, Home / End go to the lane's ends, Enter or
 * Space selects the cell's window, as a click does.
 */
export const SeverityLaneGrid = memo(function SeverityLaneGrid(props: SeverityLaneGridProps) {
  const { lanes, starts, window, range, cells, selected, onSelect } = props;
  const grid = useMemo<CellGrid>(() => ({ from: range.min, to: range.max, cells }), [range.min, range.max, cells]);
  const bucketed = useMemo(() => bucketLanes(starts, window, lanes.map((l) => l.values), grid), [starts, window, lanes, grid]);
  const [focus, setFocus] = useState({ row: 0, col: 0 });
  const root = useRef<HTMLDivElement>(null);
  const width = (grid.to - grid.from) / grid.cells;
  const selectedStart = selected !== null ? starts[selected] : undefined;
  const selectedCells =
    selectedStart === undefined ? null : { a: Math.floor((selectedStart - grid.from) / width), b: Math.ceil((selectedStart + window - grid.from) / width) - 1 };

  const row = Math.min(focus.row, lanes.length - 1);
  const col = Math.min(focus.col, grid.cells - 1);
  const move = (r: number, c: number) => {
    const next = { row: Math.max(0, Math.min(r, lanes.length - 1)), col: Math.max(0, Math.min(c, grid.cells - 1)) };
    setFocus(next);
    root.current?.querySelector<HTMLElement>(`[data-cell="${next.row}-${next.col}"]`)?.focus();
  };
  const pick = (r: number, c: number) => {
    const worst = bucketed[r]?.worst[c] ?? -1;
    if (worst >= 0) onSelect(worst);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => move(row, col - 1),
      ArrowRight: () => move(row, col + 1),
      ArrowUp: () => move(row - 1, col),
      ArrowDown: () => move(row + 1, col),
      Home: () => move(row, 0),
      End: () => move(row, grid.cells - 1),
      Enter: () => pick(row, col),
      " ": () => pick(row, col),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  return (
    <div ref={root} role="grid" aria-label={props.label} aria-describedby={props.describedBy} onKeyDown={onKeyDown} className="space-y-px">
      {lanes.map((lane, r) => {
        const cellsOf = bucketed[r];
        return (
          <div key={lane.key} role="row" className="flex h-5 items-stretch">
            <div role="rowheader" title={lane.name} className="w-[52px] shrink-0 truncate pr-1.5 text-right text-[10px] font-semibold leading-5 text-slate-600">
              <span aria-hidden="true">{lane.short}</span>
              <span className="sr-only">{lane.name}</span>
            </div>
            <div className="grid min-w-0 flex-1 bg-slate-50" style={{ gridTemplateColumns: `repeat(${grid.cells}, minmax(0, 1fr))` }}>
              {Array.from({ length: grid.cells }, (_, c) => {
                const worst = cellsOf?.worst[c] ?? -1;
                const severity = worst >= 0 ? (lane.values[worst] as number) : NaN;
                const band = bandOf(severity);
                const extra = worst >= 0 && lane.detail ? ` ${lane.detail(worst)}` : "";
                const name = describeCell({ lane: lane.name, grid, cell: c, worst, windows: cellsOf?.windows[c] ?? 0, severity }) + extra;
                const isSelected = selectedCells !== null && c >= selectedCells.a && c <= selectedCells.b;
                return (
                  <div
                    key={c}
                    role="gridcell"
                    data-cell={`${r}-${c}`}
                    data-window={worst >= 0 ? worst : undefined}
                    tabIndex={r === row && c === col ? 0 : -1}
                    aria-label={name}
                    aria-selected={isSelected}
                    title={name}
                    onClick={() => {
                      setFocus({ row: r, col: c });
                      pick(r, c);
                    }}
                    className={`relative flex items-end outline-none focus-visible:z-10 focus-visible:ring-2 focus-visible:ring-blue-600 ${worst >= 0 ? "cursor-pointer" : ""} ${isSelected ? "bg-blue-100" : ""}`}
                  >
                    {worst >= 0 && <span aria-hidden="true" className="block w-full" style={{ height: `${band.height * 100}%`, backgroundColor: band.color }} />}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
});
