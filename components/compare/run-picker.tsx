import { Button } from "@/components/ui/button";
import type { RunWithLogFile } from "@/lib/db/types";
import { formatParamsBrief } from "@/lib/ui/format";

/** Two selects (A and B) submitted as /compare?a=&b= — a plain GET form, works without JavaScript. */
export function RunPicker({ runs, a, b }: { runs: RunWithLogFile[]; a?: number; b?: number }) {
  const option = (run: RunWithLogFile) => (
    <option key={run.id} value={run.id}>
      #{run.id} · {run.logFile.originalName} · {formatParamsBrief(run.params)}
    </option>
  );
  const files = [...new Map(runs.map((r) => [r.logFileId, r.logFile.originalName])).entries()];
  const grouped = (
    <>
      {files.map(([fileId, name]) => (
        <optgroup key={fileId} label={name}>
          {runs.filter((r) => r.logFileId === fileId).map(option)}
        </optgroup>
      ))}
    </>
  );
  return (
    <form method="get" action="/compare" className="flex flex-wrap items-end gap-3 p-4">
      <div className="min-w-[min(300px,100%)] flex-1">
        <label htmlFor="compare-a" className="text-xs font-medium text-slate-600">Run A</label>
        <select id="compare-a" name="a" defaultValue={a ?? ""} required className="mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
          <option value="" disabled>Choose a run…</option>
          {grouped}
        </select>
      </div>
      <div className="min-w-[min(300px,100%)] flex-1">
        <label htmlFor="compare-b" className="text-xs font-medium text-slate-600">Run B (same log file)</label>
        <select id="compare-b" name="b" defaultValue={b ?? ""} required className="mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
          <option value="" disabled>Choose a run…</option>
          {grouped}
        </select>
      </div>
      <Button type="submit" variant="primary">Compare</Button>
    </form>
  );
}
