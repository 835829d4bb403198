"use client";

import { useEffect, useRef, useState } from "react";
import { formatUtcShort } from "@/lib/ui/format";
import { MAX_SEARCH_CHARS, TABLE_PAGE_SIZE, TABLE_PAGE_SIZES } from "@/lib/ui/url-state";

export interface TableScopePatch {
  from?: number;
  to?: number;
  q?: string;
  pageSize?: number;
  page?: number;
}

interface WindowsToolbarProps {
  from?: number;
  to?: number;
  q?: string;
  pageSize?: number;
  /** The run's window starts (ascending), for a range typed with one side empty; null while they load. */
  starts: ArrayLike<number> | null;
  onChange: (patch: TableScopePatch) => void;
}

/** Pause after the last keystroke before a search is sent (one request per word, not per letter). */
const SEARCH_DEBOUNCE_MS = 300;

/** Unix seconds as a datetime-local value read as UTC ("2005-06-14T15:16"), or "" for none. */
function toInputValue(seconds: number | undefined): string {
  return seconds === undefined ? "" : new Date(seconds * 1000).toISOString().slice(0, 16);
}

/** A datetime-local value as UTC Unix seconds, or null when it is not a full date and time. */
export function fromInputValue(value: string): number | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return null;
  const ms = Date.parse(`${value}Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

const inputClass = "h-8 rounded-md border border-slate-300 px-2 text-sm font-normal text-slate-900";

/** One side of the range: shows the URL's value, and sends each complete date and time typed. */
function TimeInput({ label, value, min, max, onCommit }: { label: string; value?: number; min?: number; max?: number; onCommit: (value: string) => void }) {
  const [text, setText] = useState(toInputValue(value));
  // A zoom on the timeline (or Clear) replaces what is shown; typing does not remount the input.
  useEffect(() => setText(toInputValue(value)), [value]);
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <input
        type="datetime-local"
        value={text}
        min={toInputValue(min)}
        max={toInputValue(max)}
        onChange={(e) => {
          setText(e.target.value);
          onCommit(e.target.value);
        }}
        className={inputClass}
      />
    </label>
  );
}

/** The text search, debounced, in step with the URL's `q` when that changes from elsewhere (back, a link). */
function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(q);
  const sent = useRef(q);
  // The latest callback, without restarting the debounce timer when the parent re-renders.
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setText(q);
    }
  }, [q]);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = wanted;
      latest.current(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1 text-xs font-medium text-slate-600">
      Search log lines and templates
      <input
        type="search"
        value={text}
        maxLength={MAX_SEARCH_CHARS}
        placeholder="e.g. authentication failure"
        onChange={(e) => setText(e.target.value)}
        className="h-8 rounded-md border border-slate-300 px-2 text-sm font-normal text-slate-900 placeholder:text-slate-500"
      />
    </label>
  );
}

/**
 * The table's scope: text search, time range (the timeline's zoom: typing here zooms the
 * timeline, zooming there fills these in) and page size, all in the URL.
 */
export function WindowsToolbar({ from, to, q, pageSize, starts, onChange }: WindowsToolbarProps) {
  const first = starts && starts.length > 0 ? (starts[0] as number) : undefined;
  const last = starts && starts.length > 0 ? (starts[starts.length - 1] as number) : undefined;
  const setRange = (side: "from" | "to", value: string) => {
    const seconds = fromInputValue(value);
    if (seconds === null) return;
    // The other side keeps its value, or the run's own edge (the last window included).
    const next = side === "from" ? { from: seconds, to: to ?? (last === undefined ? undefined : last + 1) } : { from: from ?? first, to: seconds };
    if (next.from !== undefined && next.to !== undefined && next.from < next.to) onChange({ ...next, page: 1 });
  };
  const onSearch = (text: string) => onChange({ q: text === "" ? undefined : text, page: 1 });

  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
      <SearchBox q={q ?? ""} onSearch={onSearch} />
      <fieldset className="flex flex-wrap items-end gap-2">
        <legend className="sr-only">Time range (UTC)</legend>
        <TimeInput label="From (UTC)" value={from} min={first} max={last} onCommit={(v) => setRange("from", v)} />
        <TimeInput label="To (UTC)" value={to} min={first} onCommit={(v) => setRange("to", v)} />
      </fieldset>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Rows per page
        <select
          value={pageSize ?? TABLE_PAGE_SIZE}
          onChange={(e) => onChange({ pageSize: Number(e.target.value), page: 1 })}
          className={`${inputClass} bg-white`}
        >
          {TABLE_PAGE_SIZES.map((size) => (
            <option key={size} value={size}>{size}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** "Showing windows Jun 2 10:00 – Jun 3 00:00 UTC · Clear" under a time range, else nothing. */
export function RangeNote({ from, to, onClear }: { from?: number; to?: number; onClear: () => void }) {
  if (from === undefined || to === undefined) return null;
  return (
    <p className="border-b border-slate-100 bg-blue-50/60 px-4 py-2 text-xs text-slate-700" data-testid="table-range">
      Showing windows {formatUtcShort(from)} – {formatUtcShort(to)} UTC (the timeline&apos;s zoom) ·{" "}
      <button type="button" onClick={onClear} className="font-medium text-blue-700 underline-offset-2 hover:underline">
        Clear
      </button>
    </p>
  );
}
