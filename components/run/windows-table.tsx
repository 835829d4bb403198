"use client";
import { memo, useEffect, useMemo, useRef } from "react";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { ModelFlag } from "@/components/ui/model-marker";
import { formatCount, formatNumber, formatUtc } from "@/lib/ui/format";
import { TABLE_PAGE_SIZE, type SortDirection, type TableFilter, type TableSort } from "@/lib/ui/url-state";
import { TRUTH_MARKS, truthMarkOf, type WindowPageData } from "@/lib/ui/window-rows";
import { useWindowPage } from "./use-window-page";
import { RangeNote, WindowsToolbar, type TableScopePatch } from "./windows-toolbar";
import { TRUTH_MARK_TEXT, TruthMarkBadge } from "./windows-truth-mark";

const FILTERS: { key: TableFilter; label: string }[] = [
  { key: "ensemble", label: "Ensemble" },
  { key: "any", label: "Any model" },
  { key: "isolationForest", label: "Isolation Forest" },
  { key: "dbscan", label: "DBSCAN" },
  { key: "autoencoder", label: "Autoencoder" },
  { key: "all", label: "All windows" },
];
// Shown only on a run with ground truth.
const TRUTH_FILTERS: { key: TableFilter; label: string }[] = TRUTH_MARKS.map((mark) => ({ key: mark, label: TRUTH_MARK_TEXT[mark].filter }));

const FEATURE_COLUMNS = [
  { f: 0, label: "Events" },
  { f: 1, label: "Unique msgs" },
  { f: 5, label: "Failed auth" },
  { f: 6, label: "Invalid user" },
  { f: 7, label: "Entropy" },
];

interface WindowsTableProps {
  runId: number;
  query: string;
  filter: TableFilter;
  sort: TableSort;
  direction: SortDirection;
  page: number;
  /** Rows per page (absent: TABLE_PAGE_SIZE), text search and time range, as in the URL. */
  pageSize?: number;
  q?: string;
  from?: number;
  to?: number;
  /** The run's window starts, for a range typed with one side empty; null while they load. */
  starts: ArrayLike<number> | null;
  /** Indices of the windows the run's ground truth labels anomalous; null when it has none. */
  truth: readonly number[] | null;
  initial: { query: string; data: WindowPageData } | null;
  /** The run's data version: a new one (a live run's windows grew) fetches the page again. */
  version?: string;
  windowHref: (index: number) => string;
  onChange: (patch: TableScopePatch & { filter?: TableFilter; sort?: TableSort; direction?: SortDirection }) => void;
}

function SortHeader({ label, sort, current, direction, onSort, align = "right" }: { label: string; sort: TableSort; current: TableSort; direction: SortDirection; onSort: (s: TableSort) => void; align?: "left" | "right" }) {
  const active = current === sort;
  return (
    <th scope="col" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"} className={`px-2 font-medium ${align === "right" ? "text-right" : "text-left"}`}>
      <button type="button" onClick={() => onSort(sort)} className={`inline-flex items-center gap-1 hover:text-slate-900 ${active ? "text-slate-900" : ""}`}>
        {label}
        <span aria-hidden="true" className={active ? "text-blue-600" : "text-slate-300"}>{active ? (direction === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </th>
  );
}

/** Why the table is empty, in one sentence. */
function emptySentence(q: string | undefined, ranged: boolean): string {
  const where = ranged ? " in this time range" : "";
  return q ? `No window${where} matches “${q}” under this filter and the current thresholds.` : `No window${where} matches this filter under the current thresholds.`;
}

/** The run's windows under the current thresholds, filtered, searched, limited to the timeline's range, sorted and paged by the server. */
export const WindowsTable = memo(function WindowsTable(props: WindowsTableProps) {
  const router = useRouter();
  const { data, error, loading } = useWindowPage(props.runId, props.query, props.initial, props.version);
  const { filter, sort, direction, page, from, to, q, truth, onChange } = props;
  const pageSize = props.pageSize ?? TABLE_PAGE_SIZE;
  const labelled = useMemo(() => (truth ? new Set(truth) : null), [truth]);
  // A new range (a zoom or pan on the timeline, or typed here) starts again on page 1.
  const shownRange = useRef({ from, to });
  useEffect(() => {
    if (shownRange.current.from === from && shownRange.current.to === to) return;
    shownRange.current = { from, to };
    if (page !== 1) onChange({ page: 1 });
  }, [from, to, page, onChange]);
  const onSort = (next: TableSort) => {
    const natural: SortDirection = next === "time" ? "asc" : "desc";
    const dir = next === sort ? (direction === "asc" ? "desc" : "asc") : natural;
    props.onChange({ sort: next, direction: dir, page: 1 });
  };
  const total = data?.total ?? 0;
  const pageCount = data?.pageCount ?? 1;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const filters = labelled ? [...FILTERS, ...TRUTH_FILTERS] : FILTERS;
  const columns = labelled ? 12 : 11;
  const searched = q && data?.searchScope ? ` “${q}” (searched ${data.searchScope})` : "";

  return (
    <Card label="Windows">
      <CardHeader
        title="Windows"
        description={data ? `${formatCount(total)} window${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}${searched} · click a row to open it` : "Loading…"}
        actions={
          <div className="flex flex-wrap gap-1" role="radiogroup" aria-label="Which windows">
            {filters.map((f) => (
              <button
                key={f.key}
                type="button"
                role="radio"
                aria-checked={filter === f.key}
                onClick={() => onChange({ filter: f.key, page: 1 })}
                className={`h-7 rounded-full px-2.5 text-xs font-medium transition-colors ${
                  filter === f.key ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
                }`}
              >
                {f.label}
              </button>
            ))}
          </div>
        }
      />
      <WindowsToolbar from={from} to={to} q={q} pageSize={props.pageSize} starts={props.starts} onChange={onChange} />
      <RangeNote from={from} to={to} onClear={() => onChange({ from: undefined, to: undefined, page: 1 })} />
      {error && <p role="alert" className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-800">{error}</p>}
      <div className={`relative overflow-x-auto transition-opacity ${loading ? "opacity-60" : ""}`} aria-busy={loading}>
        <table className="tabular w-full min-w-[820px] text-[13px]">
          <thead>
            <tr className="border-b border-slate-200 bg-slate-50/80 text-xs text-slate-500">
              <SortHeader label="Window (UTC)" sort="time" current={sort} direction={direction} onSort={onSort} align="left" />
              {FEATURE_COLUMNS.map((c) => (
                <th key={c.f} scope="col" className="px-2 py-2.5 text-right font-medium leading-tight">{c.label}</th>
              ))}
              <SortHeader label="IF score" sort="ifScore" current={sort} direction={direction} onSort={onSort} />
              <SortHeader label="AE error" sort="aeError" current={sort} direction={direction} onSort={onSort} />
              <SortHeader label="DBSCAN dist." sort="dbscanDistance" current={sort} direction={direction} onSort={onSort} />
              <SortHeader label="Votes" sort="modelVotes" current={sort} direction={direction} onSort={onSort} />
              <th scope="col" className="py-2.5 pl-2 pr-4 text-left font-medium" title="Isolation Forest, DBSCAN, autoencoder, ensemble">Flags</th>
              {labelled && <th scope="col" className="py-2.5 pl-2 pr-4 text-left font-medium" title="The ensemble against the run's ground truth">Truth</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data?.rows.map((row) => (
              <tr
                key={row.index}
                onClick={() => router.push(props.windowHref(row.index))}
                className={`cursor-pointer hover:bg-blue-50/50 ${row.labels.ensemble ? "bg-red-50/40" : ""}`}
              >
                <td className="whitespace-nowrap py-2 pl-4 pr-1 text-left">
                  <Link href={props.windowHref(row.index)} className="font-medium text-slate-800 hover:text-blue-700" onClick={(e) => e.stopPropagation()}>
                    {formatUtc(row.start)}
                  </Link>
                  <span className="ml-1.5 text-xs text-slate-500">#{row.index}</span>
                </td>
                {FEATURE_COLUMNS.map((c) => (
                  <td key={c.f} className="px-2 text-right text-slate-700">{formatNumber(row.features[c.f] ?? NaN, 3)}</td>
                ))}
                <td className="px-2 text-right text-slate-700">{formatNumber(row.ifScore, 3)}</td>
                <td className="px-2 text-right text-slate-700">{formatNumber(row.aeError, 3)}</td>
                <td className="px-2 text-right text-slate-700">{formatNumber(row.dbscanDistance, 3)}</td>
                <td className="px-2 text-right font-medium text-slate-800">{row.modelVotes}</td>
                <td className="py-1.5 pl-2 pr-4">
                  <div className="flex gap-0.5">
                    <ModelFlag model="isolationForest" on={row.labels.isolationForest} compact />
                    <ModelFlag model="dbscan" on={row.labels.dbscan} compact />
                    <ModelFlag model="autoencoder" on={row.labels.autoencoder} compact />
                    <ModelFlag model="ensemble" on={row.labels.ensemble} compact />
                  </div>
                </td>
                {labelled && (
                  <td className="py-1.5 pl-2 pr-4">
                    {(() => {
                      const mark = truthMarkOf(row.labels.ensemble, labelled.has(row.index));
                      return mark ? <TruthMarkBadge mark={mark} /> : <span className="sr-only">True negative</span>;
                    })()}
                  </td>
                )}
              </tr>
            ))}
            {data && data.rows.length === 0 && (
              <tr>
                <td colSpan={columns} className="px-4 py-10 text-center text-sm text-slate-500">
                  {emptySentence(q, from !== undefined)}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-600">
        <span className="tabular">
          {formatCount(first)}–{formatCount(Math.min(page * pageSize, total))} of {formatCount(total)}
        </span>
        <div className="flex items-center gap-2">
          <span className="tabular">Page {formatCount(page)} of {formatCount(pageCount)}</span>
          <Button size="sm" aria-label="Previous page" disabled={page <= 1} onClick={() => props.onChange({ page: page - 1 })}>
            <ChevronLeftIcon size={14} />
          </Button>
          <Button size="sm" aria-label="Next page" disabled={page >= pageCount} onClick={() => props.onChange({ page: page + 1 })}>
            <ChevronRightIcon size={14} />
          </Button>
        </div>
      </div>
    </Card>
  );
});
