"use client";

import Link from "next/link";
import { memo, useEffect, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import type { WindowExplanation } from "@/lib/pipeline/explain-window";
import { formatUtc } from "@/lib/ui/format";
import { anomalyReason, severityPercent, topFlagged } from "@/lib/ui/top-anomalies";

const TOP = 5;

interface TopAnomaliesProps {
  runId: number;
  /** Window starts (the page's series), or null while they load. */
  starts: ArrayLike<number> | null;
  /** Each window's severity (lib/ui/top-anomalies.ts severityScores, the swimlanes' ensemble lane), or null while it is ranked. */
  severity: ArrayLike<number> | null;
  /** The run combines by score: the severity is its combined score, and the header says so. */
  combined: boolean;
  /** The ensemble's current flags (0/1 per window), or null while they load. */
  ensemble: ArrayLike<number> | null;
  windowHref: (index: number) => string;
}

type Reason = { ok: true; text: string } | { ok: false };

// Per run and window for the page's lifetime: the reason uses the features and templates, which no threshold changes.
const reasons = new Map<string, Promise<Reason>>();

function loadReason(runId: number, index: number): Promise<Reason> {
  const key = `${runId}|${index}`;
  let reason = reasons.get(key);
  if (!reason) {
    // The "why this window" explanation (GET .../explanation), so the list and the window page give the same evidence.
    reason = fetch(`/api/runs/${runId}/windows/${index}/explanation`)
      .then(async (r) => (r.ok ? { ok: true as const, text: anomalyReason((await r.json()) as WindowExplanation) } : { ok: false as const }))
      .catch(() => ({ ok: false as const }));
    reasons.set(key, reason);
  }
  return reason;
}

/** The most severe windows the ensemble flags, above the fold, each opening its window page. */
export const TopAnomalies = memo(function TopAnomalies({ runId, starts, severity, combined, ensemble, windowHref }: TopAnomaliesProps) {
  const top = useMemo(() => (severity && ensemble && ensemble.length === severity.length ? topFlagged(severity, ensemble, TOP) : null), [severity, ensemble]);
  const [texts, setTexts] = useState<ReadonlyMap<number, Reason>>(new Map());
  const key = top?.join(",") ?? "";
  useEffect(() => {
    if (!key) return;
    let live = true;
    for (const index of key.split(",").map(Number)) {
      void loadReason(runId, index).then((reason) => {
        if (live) setTexts((m) => new Map(m).set(index, reason));
      });
    }
    return () => {
      live = false;
    };
  }, [runId, key]);

  return (
    <Card label="Top anomalies">
      <CardHeader
        title="Top anomalies"
        description={`Windows the ensemble flags, most severe first · severity 0–100 ${combined ? "reads the combined score against its cut (99 at the cut)" : "is the mean rank of the three detectors' scores"}`}
      />
      {top === null ? (
        <p className="px-4 py-3 text-sm text-slate-500">Ranking the windows…</p>
      ) : top.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">The ensemble flags no window with these thresholds.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {top.map((index) => {
            const reason = texts.get(index);
            const start = starts?.[index];
            const shown = severityPercent(severity?.[index] ?? 0);
            return (
              <li key={index}>
                <Link
                  href={windowHref(index)}
                  className="flex min-w-0 items-baseline gap-3 px-4 py-2 text-[13px] hover:bg-slate-50 focus-visible:bg-slate-50"
                >
                  <span className="sr-only">Severity</span>
                  <span className="tabular w-9 shrink-0 rounded bg-red-50 px-1.5 py-0.5 text-center text-xs font-semibold text-red-800" title="Severity (0–100)">
                    {shown}
                  </span>
                  <span className="tabular shrink-0 font-medium text-slate-800">{start !== undefined ? formatUtc(start) : `#${index}`}</span>
                  {/* data-pending: a reason may itself end in "…" (a long template), so the placeholder is marked apart. */}
                  <span className="min-w-0 truncate text-slate-600" data-pending={reason === undefined ? "" : undefined}>
                    {reason === undefined ? "…" : reason.ok ? reason.text : "No explanation available"}
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
});
