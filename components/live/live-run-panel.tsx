"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatCount, formatUtc } from "@/lib/ui/format";
import { announceAnomalies, lastAnomalyIndex, newAnomalies, type AnomalyWindow } from "@/lib/ui/live-run";
import type { StreamFacts } from "@/lib/server/runs/run-view";
import { useLiveRefresh } from "./use-live-refresh";

interface LiveRunPanelProps {
  runId: number;
  stream: StreamFacts;
  /** Whether the run is still live (else the stream stopped and the page shows the finished run). */
  live: boolean;
  /** The page's data as rendered (lib/ui/live-run.ts liveSignature): a poll that sees another refreshes it. */
  signature: string;
  /** The latest ensemble anomalies (stored labels, the model's thresholds), and how many there are in all. */
  anomalies: AnomalyWindow[];
  ensembleCount: number;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="tabular mt-0.5 truncate text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/**
 * A stream's run (issue #17): the stream's facts and, while it is live, the page's updates (a poll
 * every 2 s, router.refresh when windows closed), a Pause button that stops them, and a polite
 * announcement of each new ensemble anomaly with its window's times.
 */
export function LiveRunPanel({ runId, stream, live, signature, anomalies, ensembleCount }: LiveRunPanelProps) {
  const [paused, setPaused] = useState(false);
  const { checkedAt, problem } = useLiveRefresh(runId, signature, paused || !live);
  const [announcement, setAnnouncement] = useState("");
  // What the analyst has been shown: anomalies already on the page when it opened are not "new".
  const seen = useRef({ index: lastAnomalyIndex(anomalies), count: ensembleCount });
  useEffect(() => {
    const fresh = newAnomalies(anomalies, seen.current.index);
    const total = ensembleCount - seen.current.count;
    seen.current = { index: lastAnomalyIndex(anomalies, seen.current.index), count: Math.max(ensembleCount, seen.current.count) };
    const sentence = announceAnomalies(fresh, Math.max(total, fresh.length));
    if (sentence) setAnnouncement(sentence);
  }, [anomalies, ensembleCount]);

  return (
    <Card className="mb-5" label="Live stream">
      <CardHeader
        title={live ? `Live stream “${stream.name}”` : `Stream “${stream.name}” (stopped)`}
        description={
          live
            ? paused
              ? "Updates paused: the page keeps what it shows until you resume."
              : `Windows appear as they close${checkedAt !== null ? ` · checked ${formatUtc(checkedAt / 1000).slice(11)} UTC` : ""}`
            : `Stopped${stream.stoppedAt ? ` ${formatUtc(Date.parse(stream.stoppedAt) / 1000)} UTC` : ""}: this is its finished run.`
        }
        actions={
          live && (
            <Button size="sm" variant={paused ? "primary" : "secondary"} aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
              {paused ? "Resume updates" : "Pause updates"}
            </Button>
          )
        }
      />
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 px-4 py-3 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Source">{stream.sourceText}</Fact>
        <Fact label="Lateness">{formatCount(stream.lateness)} s</Fact>
        <Fact label="Lines">{formatCount(stream.lines)}{stream.unparsedLines > 0 && ` (${formatCount(stream.unparsedLines)} unparsed)`}</Fact>
        <Fact label="Late records">{formatCount(stream.lateRecords)}</Fact>
        <Fact label="Model">
          <Link href={`/runs/${stream.modelRunId}`} className="text-blue-700 hover:underline">Run #{stream.modelRunId}</Link>
        </Fact>
        <Fact label="Last problem">
          <span title={stream.lastProblem ?? undefined}>{stream.lastProblem ?? "none"}</span>
        </Fact>
      </dl>
      {problem && live && !paused && <p role="alert" className="border-t border-slate-100 px-4 py-2 text-sm text-amber-800">{problem}</p>}
      <p aria-live="polite" role="status" className={announcement ? "border-t border-slate-100 px-4 py-2 text-sm font-medium text-red-700" : "sr-only"} data-testid="live-announcement">
        {announcement}
      </p>
    </Card>
  );
}
