"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** What the picker shows of a run (not the whole run: its server paths stay on the server). */
export interface PickerRun {
  id: number;
  logFileId: number;
  fileName: string;
  /** formatParamsBrief of its parameters. */
  brief: string;
}

/**
 * Two selects (A and B) submitted as /compare?a=&b= — a plain GET form, works without JavaScript.
 * B offers only the runs of A's log file (other than A), following A as it changes; before A is
 * chosen it offers every run, grouped by file.
 */
export function RunPicker({ runs, a, b }: { runs: PickerRun[]; a?: number; b?: number }) {
  const [chosenA, setChosenA] = useState<number | undefined>(a);
  const fileOfA = runs.find((r) => r.id === chosenA)?.logFileId;
  const option = (run: PickerRun) => (
    <option key={run.id} value={run.id}>
      #{run.id} · {run.fileName} · {run.brief}
    </option>
  );
  const grouped = (list: PickerRun[]) =>
    [...new Map(list.map((r) => [r.logFileId, r.fileName])).entries()].map(([fileId, name]) => (
      <optgroup key={fileId} label={name}>
        {list.filter((r) => r.logFileId === fileId).map(option)}
      </optgroup>
    ));
  const candidatesB = fileOfA === undefined ? runs : runs.filter((r) => r.logFileId === fileOfA && r.id !== chosenA);
  // A B that is no longer offered (A moved to another file) must not be submitted silently.
  const shownB = b !== undefined && candidatesB.some((r) => r.id === b) ? b : "";
  return (
    <form method="get" action="/compare" className="flex flex-wrap items-end gap-3 p-4">
      <div className="min-w-[min(300px,100%)] flex-1">
        <label htmlFor="compare-a" className="text-xs font-medium text-slate-600">Run A</label>
        <select
          id="compare-a"
          name="a"
          defaultValue={a ?? ""}
          required
          onChange={(e) => setChosenA(Number(e.target.value) || undefined)}
          className="mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="" disabled>Choose a run…</option>
          {grouped(runs)}
        </select>
      </div>
      <div className="min-w-[min(300px,100%)] flex-1">
        <label htmlFor="compare-b" className="text-xs font-medium text-slate-600">{fileOfA === undefined ? "Run B" : "Run B (same log file as A)"}</label>
        {/* Keyed by A's file so the choice resets when the list changes under it. */}
        <select key={fileOfA ?? "all"} id="compare-b" name="b" defaultValue={shownB} required className="mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm">
          <option value="" disabled>{candidatesB.length === 0 ? "No other run of this log file" : "Choose a run…"}</option>
          {fileOfA === undefined ? grouped(candidatesB) : candidatesB.map(option)}
        </select>
      </div>
      <Button type="submit" variant="primary">Compare</Button>
    </form>
  );
}
