"use client";

import { useRef } from "react";
import { formatBytes, formatCount } from "@/lib/ui/format";

export interface PickedLabels {
  name: string;
  size: number;
}

/** A re-run's ground truth, carried from the run it repeats and sent as a window-starts file. */
export interface CarriedLabels {
  runId: number;
  /** The file sent with the run. */
  name: string;
  text: string;
  /** Where the truth came from ("labels.csv: ... + 2 analyst marks"). */
  source: string;
  /** Labelled windows. */
  windows: number;
}

interface LabelsFieldProps {
  picked: PickedLabels | null;
  /** Sent when no file is picked (a re-run's labels); null when there are none. */
  carried?: CarriedLabels | null;
  error?: string;
  disabled?: boolean;
  onPicked: (picked: PickedLabels | null) => void;
  onDropCarried?: () => void;
}

/**
 * Optional ground truth, sent with the run as multipart field `labels`. The input stays
 * uncontrolled (a file input cannot be set from state) and the form is never reset, so a refused
 * file stays picked beside its error until the analyst replaces or removes it.
 */
export function LabelsField({ picked, carried, error, disabled, onPicked, onDropCarried }: LabelsFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const id = "param-labels";
  return (
    <fieldset className="grid grid-cols-1 gap-3 px-4 py-4 md:grid-cols-[180px_1fr] md:gap-6" disabled={disabled}>
      <legend className="contents">
        <span className="block">
          <span className="block text-sm font-medium text-slate-900">Ground truth</span>
          <span className="mt-0.5 block text-xs text-slate-500">Optional. The run is evaluated against it, and auto thresholds maximise F1.</span>
        </span>
      </legend>
      <div className="min-w-0">
        <div className="flex items-center justify-between gap-2">
          <label htmlFor={id} className="text-[13px] font-medium text-slate-700">
            Labels file
          </label>
          {picked && (
            <button
              type="button"
              className="text-[11px] text-slate-500 hover:text-blue-700"
              onClick={() => {
                if (inputRef.current) inputRef.current.value = "";
                onPicked(null);
              }}
            >
              remove<span className="sr-only"> the labels file</span>
            </button>
          )}
        </div>
        <input
          ref={inputRef}
          id={id}
          name="labels"
          type="file"
          accept=".csv,.txt,.log,.labels,text/plain,text/csv"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            onPicked(file ? { name: file.name, size: file.size } : null);
          }}
          className={`mt-1 block w-full rounded-md border bg-white text-sm text-slate-700 shadow-sm file:mr-3 file:h-9 file:cursor-pointer file:border-0 file:border-r file:border-slate-200 file:bg-slate-50 file:px-3 file:text-[13px] file:font-medium file:text-slate-700 hover:file:bg-slate-100 disabled:opacity-60 ${
            error ? "border-red-400" : "border-slate-300"
          }`}
        />
        {picked && <p className="mt-1 text-xs text-slate-500">{formatBytes(picked.size)}, sent with the run.</p>}
        {!picked && carried && (
          <p className="mt-1 text-xs text-slate-600" data-testid="carried-labels">
            The labels of run #{carried.runId} go with this re-run: {carried.source} ({formatCount(carried.windows)} labelled window{carried.windows === 1 ? "" : "s"}).{" "}
            <button type="button" className="text-slate-600 underline hover:text-blue-700" onClick={onDropCarried}>
              Run without them
            </button>
          </p>
        )}
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-600">
            {error}
          </p>
        )}
        <p id={`${id}-help`} className="mt-1 text-xs leading-snug text-slate-500">
          Anomalous window starts, as the generator writes (<code className="font-mono">window_start,kind</code>, or one ISO time or Unix seconds per line), or per-line
          labels like BGL&apos;s first column (<code className="font-mono">-</code> = normal, anything else = alert).
        </p>
      </div>
    </fieldset>
  );
}
