import { RunFormat } from "@/components/runs/run-format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RunWithLogFile } from "@/lib/db/types";
import { hasResults, isActive } from "@/lib/domain/types";
import { isStreamLogKey } from "@/lib/domain/stream-types";
import { formatBytes, formatCount, formatDuration, formatNumber, formatUtc } from "@/lib/ui/format";
import { formatParamsSummary } from "@/lib/ui/params-summary";
import { RunHeaderActions } from "./run-header-actions";

/**
 * The run's year as the header states it. Without a given year the stored column holds a
 * placeholder until training infers one, and stays one when every record carried its own year.
 */
function yearNote(run: RunWithLogFile): string | null {
  const p = run.params;
  if (!p.yearAuto) return `year ${p.year}`;
  if (p.yearInferred) return `year ${p.year} (inferred)`;
  return hasResults(run.status) ? null : "year from the log";
}

/** Title block of a run: its log, status, parameters and what training took. */
export function RunHeader({ run }: { run: RunWithLogFile }) {
  const year = yearNote(run);
  const took = run.finishedAt ? (run.finishedAt.getTime() - run.createdAt.getTime()) / 1000 : null;
  // A stream's run (issue #17) was not trained: it was scored by its model while the stream ran.
  const streamed = isStreamLogKey(run.logFile.storedPath);
  return (
    <div className="mb-5 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <span className="font-medium text-slate-700">Run #{run.id}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={run.createdAt.toISOString()}>{formatUtc(run.createdAt.getTime() / 1000)} UTC</time>
          {took !== null && run.status === "succeeded" && (
            <>
              <span aria-hidden="true">·</span>
              <span>{streamed ? "streamed for" : "trained in"} {formatDuration(took)}</span>
            </>
          )}
        </div>
        <div className="mt-1 flex items-center gap-3">
          <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{run.logFile.originalName}</h1>
          <StatusBadge status={run.status} />
        </div>
        <div className="mt-1 text-sm text-slate-500">
          {formatBytes(run.logFile.size)} · {formatCount(run.logFile.lines)} lines
          {run.logFile.unparsedLines > 0 && ` (${formatCount(run.logFile.unparsedLines)} unparsed)`} · format{" "}
          <RunFormat
            className="align-bottom font-medium text-slate-700"
            format={{ requested: run.params.format, detected: hasResults(run.status) ? run.params.detectedFormat : null }}
          />{" "}
          {year !== null && `· ${year} `}· {formatParamsSummary(run.params)} ·{" "}
          {run.params.epochs} epochs · seed {run.params.seed}
          {run.ifThreshold !== null && run.aeThreshold !== null && (
            <> · {streamed ? "model" : "trained"} thresholds IF score {formatNumber(run.ifThreshold, 3)}, AE error {formatNumber(run.aeThreshold, 3)}</>
          )}
        </div>
      </div>
      <RunHeaderActions runId={run.id} fileName={run.logFile.originalName} active={isActive(run.status)} rerun={!streamed} />
    </div>
  );
}
