import Link from "next/link";
import type { FlaggedWindow } from "@/lib/ui/compare-runs";
import { formatCount, formatUtc } from "@/lib/ui/format";

const SHOWN = 60;

/** Windows one run flags and the other does not, linking to the window in its run. */
export function FlagList({ title, runId, windows }: { title: string; runId: number; windows: FlaggedWindow[] }) {
  return (
    <div className="min-w-0">
      <div className="mb-2 flex items-baseline justify-between">
        <h3 className="text-[13px] font-medium text-slate-800">{title}</h3>
        <span className="tabular text-xs text-slate-500">{formatCount(windows.length)}</span>
      </div>
      {windows.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-4 text-center text-xs text-slate-500">None</p>
      ) : (
        <ul className="tabular max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-[13px]">
          {windows.slice(0, SHOWN).map((w) => (
            <li key={w.index}>
              <Link href={`/runs/${runId}/windows/${w.index}`} className="flex justify-between px-3 py-1.5 hover:bg-slate-50">
                <span className="text-slate-800">{formatUtc(w.start)}</span>
                <span className="text-xs text-slate-500">#{w.index}</span>
              </Link>
            </li>
          ))}
          {windows.length > SHOWN && <li className="px-3 py-1.5 text-xs text-slate-500">and {formatCount(windows.length - SHOWN)} more</li>}
        </ul>
      )}
    </div>
  );
}
