import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import type { StreamFacts } from "@/lib/server/runs/run-view";
import { formatCount } from "@/lib/ui/format";

/** The Runs page's list of live streams (issue #17): each with its source, state and a link to its run's live page. */
export function StreamsCard({ streams }: { streams: StreamFacts[] }) {
  return (
    <Card className="mb-5" label="Streams">
      <CardHeader title="Streams" description="Live sources scored window by window with a saved model; each stores its windows in its own run." />
      <ul className="divide-y divide-slate-100">
        {streams.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
            <Link href={`/runs/${s.runId}`} className="font-medium text-blue-700 hover:underline">
              {s.name}
            </Link>
            <StatusBadge status={s.state === "live" ? "live" : "succeeded"} />
            <span className="text-slate-600">{s.sourceText}</span>
            <span className="tabular text-slate-600">{formatCount(s.lines)} lines</span>
            {s.lateRecords > 0 && <span className="tabular text-slate-600">{formatCount(s.lateRecords)} late</span>}
            <span className="text-slate-500">model: run #{s.modelRunId}</span>
            {s.lastProblem && <span className="min-w-0 truncate text-amber-800" title={s.lastProblem}>{s.lastProblem}</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
