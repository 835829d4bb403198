"use client";

import { memo, useEffect, useMemo, useState } from "react";
import { denseHostCounts, type HostCounts } from "@/lib/logs/host-window-counts";
import { formatCount } from "@/lib/ui/format";
import { hostSeverity } from "@/lib/ui/severity-lanes";
import { SeverityLaneGrid, type SeverityLane, type SeverityLaneGridProps } from "./severity-lane-grid";

/** GET /api/runs/:id/hosts (lib/server/runs/host-lanes.ts), as the browser reads it. */
interface HostLanesAnswer {
  windows: number;
  missing: string | null;
  hosts: HostCounts[];
  other: (HostCounts & { hosts: number }) | null;
}

type Loaded = { url: string; answer: HostLanesAnswer } | { url: string; error: string };

/** The grid's placement and selection, and where the hosts are read from (GET /api/runs/:id/hosts). */
type SeverityHostLanesProps = Omit<SeverityLaneGridProps, "lanes" | "label" | "describedBy"> & { url: string };

// Per URL for the page's lifetime: a run's hosts never change once it has finished.
const answers = new Map<string, Promise<HostLanesAnswer>>();

function loadHosts(url: string): Promise<HostLanesAnswer> {
  let answer = answers.get(url);
  if (!answer) {
    answer = fetch(url).then(async (response) => {
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        throw new Error(body && typeof body === "object" && "error" in body ? String(body.error) : `The hosts could not be read (HTTP ${response.status}).`);
      }
      return body as HostLanesAnswer;
    });
    answers.set(url, answer);
    answer.catch(() => answers.delete(url));
  }
  return answer;
}

const count = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;

function laneOf(host: HostCounts, key: string, name: string, windows: number): SeverityLane {
  const { events, errors } = denseHostCounts(host.counts, windows);
  return {
    key,
    name,
    short: host.name,
    values: hostSeverity(events, errors),
    detail: (i) => `${count(events[i] ?? 0, "event")}, ${count(errors[i] ?? 0, "error-keyword line")}.`,
  };
}

/**
 * Per-host lanes ("influencers"), collapsed until asked for: opening them reads the run's log on the
 * server once (GET /api/runs/:id/hosts). A host's cell says how far its events or error lines in the
 * window stand from its own usual level.
 */
export const SeverityHostLanes = memo(function SeverityHostLanes(props: SeverityHostLanesProps) {
  const { url, starts } = props;
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    loadHosts(url).then(
      (answer) => live && setLoaded({ url, answer }),
      (error: unknown) => live && setLoaded({ url, error: error instanceof Error ? error.message : "The hosts could not be read." }),
    );
    return () => {
      live = false;
    };
  }, [open, url]);
  const current = loaded?.url === url ? loaded : null;
  const answer = current && "answer" in current ? current.answer : null;
  const lanes = useMemo<SeverityLane[]>(() => {
    if (!answer || answer.windows !== starts.length) return [];
    const rows = answer.hosts.map((h) => laneOf(h, `host:${h.name}`, `Host ${h.name}`, answer.windows));
    if (answer.other) rows.push(laneOf({ ...answer.other, name: "other" }, "other", `${formatCount(answer.other.hosts)} other hosts`, answer.windows));
    return rows;
  }, [answer, starts.length]);

  let body;
  if (!open) body = null;
  else if (!current) body = <p className="pl-1 text-xs text-slate-500">Reading the log for its hosts…</p>;
  else if ("error" in current) body = <p role="alert" className="pl-1 text-xs text-amber-800">{current.error}</p>;
  else if (current.answer.missing) body = <p className="pl-1 text-xs text-slate-600">{current.answer.missing}</p>;
  else if (lanes.length === 0) body = <p className="pl-1 text-xs text-slate-600">No host names were found in this log&apos;s records.</p>;
  else {
    body = (
      <SeverityLaneGrid
        lanes={lanes}
        starts={starts}
        window={props.window}
        range={props.range}
        cells={props.cells}
        selected={props.selected}
        onSelect={props.onSelect}
        label="Severity per host over the timeline's range: how unusual each host's events and error lines are against its own usual level"
      />
    );
  }

  return (
    <details className="mt-2" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="host-lanes">
      <summary className="cursor-pointer pl-1 text-xs font-medium text-slate-700 hover:text-slate-900">
        Hosts{answer && !answer.missing ? ` (${formatCount(answer.hosts.length + (answer.other?.hosts ?? 0))})` : ""}: each host&apos;s activity against its own usual level
      </summary>
      <div className="mt-1.5">{body}</div>
    </details>
  );
});
