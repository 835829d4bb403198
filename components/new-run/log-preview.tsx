"use client";

import { useEffect, useMemo } from "react";
import { AlertIcon } from "@/components/ui/icons";
import type { UploadPreview } from "@/lib/server/uploads/preview-upload";
import { formatBytes, formatCount, formatPercent } from "@/lib/ui/format";
import { formatLabel } from "./format-choices";
import { PreviewTable } from "./preview-table";
import { publishPreviewTimes } from "./preview-times";
import type { UploadedLog } from "./upload-dropzone";
import type { LogPreviewState } from "./use-log-preview";

interface LogPreviewProps {
  file: UploadedLog | null;
  state: LogPreviewState;
  /** "Template…" is picked and nothing is typed yet. */
  waiting: boolean;
  /** A year was typed (else the preview's year is inferred, from the head only). */
  yearGiven: boolean;
}

/** The detection's own bar (detect-format.ts MIN_MATCH_RATE): below it, auto refuses the log. */
const GOOD_RATE = 0.9;

function rateTone(rate: number): string {
  if (rate >= GOOD_RATE) return "text-emerald-700";
  return rate >= 0.5 ? "text-amber-700" : "text-red-700";
}

/** One sentence for the live region: what the preview found, or what it is doing. */
function statusText({ file, state, waiting }: LogPreviewProps): string {
  if (!file) return "Upload a log to see how its first lines read.";
  if (waiting) return "Type a template to preview it.";
  if (state.loading) return state.last ? "Updating the preview…" : `Reading the first lines of ${file.name}…`;
  const outcome = state.outcome;
  if (!outcome) return "";
  if (!outcome.ok) return `The preview failed: ${outcome.message}`;
  const p = outcome.preview;
  return `Reads as ${p.format}: ${formatPercent(p.matchRate)} of ${formatCount(p.lines)} lines match, ${formatCount(p.records)} records, ${formatCount(p.unparsed)} unparsed.`;
}

function Summary({ preview }: { preview: UploadPreview }) {
  const span = preview.firstTime && preview.lastTime ? `${preview.firstTime.replace("T", " ").slice(0, 16)} → ${preview.lastTime.replace("T", " ").slice(0, 16)} UTC` : "—";
  const items: { label: string; value: string; tone?: string; testId?: string }[] = [
    { label: "Format", value: formatLabel(preview.format), testId: "preview-format" },
    { label: "Match rate", value: formatPercent(preview.matchRate), tone: rateTone(preview.matchRate) },
    { label: "Records", value: formatCount(preview.records) },
    { label: "Unparsed", value: formatCount(preview.unparsed), tone: preview.unparsed > 0 ? "text-amber-700" : undefined },
    { label: "Time span", value: span },
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-[repeat(4,minmax(0,auto))_minmax(0,1fr)]">
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="text-[11px] font-medium text-slate-500">{item.label}</dt>
          <dd data-testid={item.testId} className={`tabular truncate text-sm font-semibold ${item.tone ?? "text-slate-900"}`} title={item.value}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Where the shown counts come from: the whole log, or its head only. */
function HeadNote({ preview, yearGiven }: { preview: UploadPreview; yearGiven: boolean }) {
  const read = `${formatCount(preview.lines)} line${preview.lines === 1 ? "" : "s"}`;
  const listed = preview.unparsedLines.filter((u) => !preview.rows.some((r) => r.line === u.line));
  return (
    <div className="space-y-1 text-xs text-slate-500">
      <p>
        {preview.complete
          ? `All ${read} of ${preview.name} were read.`
          : `Counts are for the first ${read} (${formatBytes(preview.headBytes)}) of ${formatCount(preview.totalLines)}; the run reads them all.`}
        {preview.year !== null &&
          (yearGiven
            ? ` Year-less times are placed in ${preview.year}.`
            : ` Year-less times are placed in ${preview.year}, inferred from these lines (the run also reads the log's last lines); type a Year to set it.`)}
      </p>
      {listed.length > 0 && (
        <p className="text-amber-800">
          Further unparsed lines: {listed.map((u) => u.line).join(", ")}
          {preview.unparsed > preview.unparsedLines.length && " …"}
        </p>
      )}
    </div>
  );
}

/**
 * The preview of step 2: a status line announced to screen readers (aria-live), the format and
 * its match rate, and the first records in columns. While a newer request loads, the previous
 * preview stays, dimmed, so typing a template does not make the table jump.
 */
export function LogPreview(props: LogPreviewProps) {
  const { file, state, waiting, yearGiven } = props;
  const failed = state.outcome !== null && !state.outcome.ok ? state.outcome.message : null;
  const shown = state.outcome?.ok ? state.outcome.preview : state.loading ? state.last : null;
  const status = statusText(props);
  // The Year field warns when the year puts these times in the future (param-fields.tsx).
  const visible = shown !== null && file !== null && !waiting;
  const times = useMemo(() => (visible && shown ? { year: shown.year, firstTime: shown.firstTime, lastTime: shown.lastTime } : null), [visible, shown]);
  useEffect(() => publishPreviewTimes(times), [times]);
  useEffect(() => () => publishPreviewTimes(null), []);
  return (
    <div className="space-y-3" aria-busy={state.loading || undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Preview</h3>
        <p id="preview-status" role="status" aria-live="polite" className={failed ? "sr-only" : "text-xs text-slate-500"}>
          {status}
        </p>
      </div>
      {failed && file && !waiting && (
        <div className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          <span>{failed}</span>
        </div>
      )}
      {shown && file && !waiting && (
        <div className={`space-y-3 transition-opacity ${state.loading ? "opacity-60" : ""}`}>
          <Summary preview={shown} />
          {shown.rows.length > 0 ? (
            <PreviewTable rows={shown.rows} name={shown.name} />
          ) : (
            <p className="text-sm text-slate-600">No record in the first lines.</p>
          )}
          <HeadNote preview={shown} yearGiven={yearGiven} />
        </div>
      )}
    </div>
  );
}
