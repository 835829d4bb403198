"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { cancelRun } from "@/app/actions/cancel-run";
import { feedbackLabels } from "@/app/actions/feedback-labels";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { AlertIcon } from "@/components/ui/icons";
import { fieldErrors, IDLE_ACTION, type ActionState } from "@/lib/domain/action-state";
import { parseId } from "@/lib/domain/parse-id";
import type { RunStatusSnapshot } from "@/lib/ui/run-status-snapshot";
import { withProfileValues, type ParamName } from "@/lib/ui/param-fields";
import { formatLabel, type FormatChoice } from "./format-choices";
import { FormatCard } from "./format-card";
import { JobProgressPanel } from "./job-progress-panel";
import { LabelsField, type CarriedLabels, type PickedLabels } from "./labels-field";
import { ParamFields } from "./param-fields";
import { startRunFromForm } from "./start-run-client";
import { UploadDropzone, type UploadedLog } from "./upload-dropzone";

interface NewRunFlowProps {
  initialFile: UploadedLog | null;
  initialValues: Record<ParamName, string>;
  /** "Re-run of #12" when prefilled from a run. */
  origin: string | null;
  /** The format registry's list, for the picker (the page reads it on the server). */
  formats: readonly FormatChoice[];
}

type Outcome = { runId: number; snapshot: RunStatusSnapshot } | null;

/** Upload, parameters, start, then follow the job until the run opens (or fails, with Retry). */
export function NewRunFlow({ initialFile, initialValues, origin, formats }: NewRunFlowProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<UploadedLog | null>(initialFile);
  const [values, setValues] = useState(initialValues);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(startRunFromForm, IDLE_ACTION);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [cancelling, setCancelling] = useState(false);
  const [labels, setLabels] = useState<PickedLabels | null>(null);
  const carried = useCarriedLabels(initialFile);
  const [dropped, setDropped] = useState(false);
  // A re-run's ground truth belongs to its log: another upload, a picked file or "remove" sets it aside.
  const carriedLabels = carried && !dropped && !labels && file?.logFileId === initialFile?.logFileId ? carried : null;

  const runId = state.status === "ok" ? (state.runId ?? null) : null;
  const settled = outcome !== null && outcome.runId === runId ? outcome.snapshot : null;
  const running = runId !== null && settled === null;
  const locked = pending || running;
  const errors = fieldErrors(state);
  // Whether window starts fall in the log is only known once it is parsed: a run that failed over
  // the picked labels file puts its sentence beside that field too.
  const sentLabels = labels ?? carriedLabels;
  const labelsError =
    errors.labels ?? (settled?.status === "failed" && sentLabels && settled.error?.includes(sentLabels.name) ? settled.error : undefined);

  // Choosing a profile fills the fields it sets (lib/domain/profiles.ts); the others keep what was typed.
  const setValue = (name: ParamName, value: string) => setValues((v) => (name === "profile" ? withProfileValues(v, value) : { ...v, [name]: value }));
  const submit = () => formRef.current?.requestSubmit();
  // Dispatched by hand rather than through `action`, which resets the form afterwards and would
  // drop a picked labels file that the server refused (its error must sit beside it).
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const picked = form.get("labels");
    if (picked instanceof File && picked.size === 0 && picked.name === "") form.delete("labels");
    if (carriedLabels && !form.has("labels")) form.set("labels", new File([carriedLabels.text], carriedLabels.name, { type: "text/csv" }));
    startTransition(() => formAction(form));
  };
  const onSettled = (snapshot: RunStatusSnapshot) => {
    if (runId === null) return;
    setOutcome({ runId, snapshot });
    if (snapshot.status === "succeeded") router.push(`/runs/${runId}`);
  };
  const cancel = () => {
    if (runId === null) return;
    setCancelling(true);
    const form = new FormData();
    form.set("runId", String(runId));
    startTransition(async () => {
      try {
        await cancelRun(IDLE_ACTION, form);
      } finally {
        setCancelling(false);
      }
    });
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_360px]" noValidate>
      <input type="hidden" name="logFileId" value={file?.logFileId ?? ""} />
      <div className="min-w-0 space-y-5">
        <Card label="Log file">
          <CardHeader title="1 · Log file" description={origin ?? "Upload a log file; identical files are stored once."} />
          <div className="p-4">
            <UploadDropzone file={file} onUploaded={setFile} disabled={locked} />
            {errors.logFileId && <p className="mt-2 text-sm font-medium text-red-600">{errors.logFileId}</p>}
          </div>
        </Card>
        <FormatCard file={file} formats={formats} values={values} errors={errors} disabled={locked} onChange={setValue} />
        <Card label="Parameters">
          <CardHeader title="3 · Parameters" description="Prefilled with the defaults; an empty field also means the default." />
          <ParamFields values={values} errors={errors} disabled={locked} onChange={setValue} />
          <div className="border-t border-slate-100">
            <LabelsField
              picked={labels}
              carried={carriedLabels}
              error={labelsError}
              disabled={locked}
              onPicked={setLabels}
              onDropCarried={() => setDropped(true)}
            />
          </div>
        </Card>
      </div>

      <div className="lg:sticky lg:top-20 lg:self-start">
        <Card label="Run">
          <CardHeader title="4 · Run" description="Training runs in the background; you can leave this page." />
          <div className="space-y-4 p-4">
            {runId === null && (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-xs">
                <dt className="text-slate-500">Log</dt>
                <dd className="truncate text-right font-medium text-slate-800">{file?.name ?? "—"}</dd>
                <dt className="text-slate-500">Format</dt>
                <dd className="truncate text-right text-slate-800" title={values.format}>
                  {values.format.trim() === "" ? "template (none yet)" : formatLabel(values.format)}
                </dd>
                <dt className="text-slate-500">Year</dt>
                <dd className="tabular text-right text-slate-800">{values.year.trim() || "from the log"}</dd>
                <dt className="text-slate-500">Window</dt>
                <dd className="tabular text-right text-slate-800">{values.window || "60"} s</dd>
                <dt className="text-slate-500">DBSCAN</dt>
                <dd className="tabular text-right text-slate-800">eps {values.eps || "0.5"}, min {values.minSamples || "5"}</dd>
                <dt className="text-slate-500">IF · AE · votes</dt>
                <dd className="tabular text-right text-slate-800">
                  {values.contamination || "0.05"} · {values.aePercentile === "auto" ? "auto" : `p${values.aePercentile || "95"}`} · {values.votes || "2"}
                </dd>
                <dt className="text-slate-500">Features</dt>
                <dd className="text-right text-slate-800">{values.features === "extended" ? "extended (12)" : "seed (8)"}</dd>
                <dt className="text-slate-500">Labels</dt>
                <dd className="truncate text-right text-slate-800">{sentLabels?.name ?? "none"}</dd>
              </dl>
            )}
            {state.status === "error" && (
              <div role="alert" className="flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
                <AlertIcon size={16} className="mt-0.5 shrink-0" />
                <span>{state.message}</span>
              </div>
            )}
            {runId !== null && <JobProgressPanel key={runId} runId={runId} onSettled={onSettled} />}
            {settled && settled.status !== "succeeded" && (
              <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
                <div className="font-medium">{settled.status === "cancelled" ? "The run was cancelled." : "The run failed."}</div>
                {settled.error && <p className="mt-1 text-red-700">{settled.error}</p>}
              </div>
            )}
            {settled?.status === "succeeded" && <p className="text-sm text-emerald-700">Done — opening run #{runId}…</p>}
            <div className="flex gap-2">
              {running ? (
                <Button className="w-full" onClick={cancel} disabled={cancelling}>
                  {cancelling ? "Cancelling…" : "Cancel run"}
                </Button>
              ) : settled && settled.status !== "succeeded" ? (
                <Button variant="primary" className="w-full" onClick={submit} disabled={pending || !file}>
                  Retry
                </Button>
              ) : (
                <Button type="submit" variant="primary" className="w-full" disabled={pending || !file || settled?.status === "succeeded"}>
                  {pending ? "Starting…" : "Start detection"}
                </Button>
              )}
            </div>
            {!file && runId === null && <p className="text-xs text-slate-500">Upload a log file to start.</p>}
          </div>
        </Card>
      </div>
    </form>
  );
}

/**
 * A re-run (`?from=<runId>`, prefilled with that run's stored log) carries the run's ground truth:
 * its labels file and the analyst's marks, as window starts (app/actions/feedback-labels.ts).
 * Null for a new run, a run without labels, or when they cannot be read (the form then works as before).
 */
function useCarriedLabels(initialFile: UploadedLog | null): CarriedLabels | null {
  const from = parseId(useSearchParams().get("from"));
  const [carried, setCarried] = useState<CarriedLabels | null>(null);
  useEffect(() => {
    if (from === null || initialFile === null) return;
    let live = true;
    feedbackLabels(from).then(
      (result) => {
        if (live && result.status === "ok" && result.labels) setCarried({ ...result.labels, runId: from });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [from, initialFile]);
  return carried;
}
