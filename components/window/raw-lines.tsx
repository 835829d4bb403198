"use client";

import { useEffect, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatCount } from "@/lib/ui/format";
import { readRawLines, type RawLine } from "@/lib/ui/raw-lines";

type State = { phase: "loading" } | { phase: "failed"; message: string } | { phase: "ready"; lines: RawLine[]; truncated: boolean };

/** The window's lines as they are in the uploaded file; lines the parser could not read are marked. */
export function RawLines({ runId, index, expected }: { runId: number; index: number; expected: number }) {
  const [state, setState] = useState<State>({ phase: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await fetch(`/api/runs/${runId}/windows/${index}`, { signal: controller.signal });
        const body: unknown = await response.json().catch(() => null);
        const parsed = response.ok ? readRawLines(body) : null;
        if (!parsed) {
          const message = body && typeof body === "object" && "error" in body ? String((body).error) : null;
          throw new Error(message ?? `The log lines could not be read (HTTP ${response.status}).`);
        }
        setState({ phase: "ready", ...parsed });
      } catch (e) {
        if (!controller.signal.aborted) setState({ phase: "failed", message: e instanceof Error ? e.message : "The log lines could not be read." });
      }
    })();
    return () => controller.abort();
  }, [runId, index]);

  const unparsed = state.phase === "ready" ? state.lines.filter((l) => l.unparsed).length : 0;
  return (
    <Card label="Raw log lines">
      <CardHeader
        title="Raw log lines"
        description={
          state.phase === "ready"
            ? `${formatCount(state.lines.length)} line${state.lines.length === 1 ? "" : "s"}${unparsed ? ` · ${unparsed} not read as records of the run's format` : ""}${state.truncated ? " · list truncated" : ""}`
            : `${formatCount(expected)} records in this window`
        }
        actions={
          unparsed > 0 ? (
            <span className="inline-flex items-center gap-1.5 text-xs text-amber-700">
              <span className="h-2.5 w-2.5 rounded-sm bg-amber-300" /> unparsed line
            </span>
          ) : null
        }
      />
      {state.phase === "loading" && <div className="h-40 animate-pulse bg-slate-50" aria-busy="true" />}
      {state.phase === "failed" && <p role="alert" className="px-4 py-6 text-sm text-amber-800">{state.message}</p>}
      {state.phase === "ready" && (
        <ScrollRegion label="Log lines of this window" className="max-h-[560px] overflow-auto bg-slate-950">
          <table className="w-full border-collapse font-mono text-[12px] leading-[1.6]">
            <tbody>
              {state.lines.map((l) => (
                <tr key={l.line} className={l.unparsed ? "bg-amber-400/15" : "hover:bg-white/5"}>
                  <td className="select-none border-r border-white/10 px-3 text-right align-top text-slate-400">{l.line}</td>
                  <td className={`whitespace-pre-wrap break-all px-3 ${l.unparsed ? "text-amber-200" : "text-slate-200"}`}>
                    {l.unparsed && <span className="mr-2 rounded bg-amber-400/25 px-1 text-[10px] font-semibold uppercase tracking-wide text-amber-200">unparsed</span>}
                    {l.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Card>
  );
}
