import { AUTO_FORMAT, formatLabel, isTemplate } from "@/components/new-run/format-choices";

/** A run's format as RunView.format has it: asked for, and what training read (null until trained). */
export interface RunFormatValue {
  requested: string;
  detected: string | null;
}

/**
 * The format a run reads, for the runs list and the run header: what training read once it has,
 * marked "auto" when detection chose it; before that, what was asked for. A template is shown in
 * mono, cut to the cell with the whole of it in the title.
 */
export function RunFormat({ format, className = "" }: { format: RunFormatValue; className?: string }) {
  const read = format.detected ?? format.requested;
  const detected = format.detected !== null && format.requested.trim().toLowerCase() === AUTO_FORMAT;
  const title = detected ? `${read}, detected from the log` : read;
  return (
    <span className={`inline-flex min-w-0 max-w-full items-baseline gap-1 ${className}`} title={title}>
      <span className={`truncate ${isTemplate(read) ? "font-mono text-[11px]" : ""}`}>{formatLabel(read)}</span>
      {detected && <span className="shrink-0 text-[11px] text-slate-500">(auto)</span>}
    </span>
  );
}
