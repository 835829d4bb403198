"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { startRun } from "@/app/actions/start-run";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AlertIcon } from "@/components/ui/icons";
import type { RunWithLogFile } from "@/lib/db/types";
import { requestedParams } from "@/lib/domain/run-params";
import { IDLE_ACTION, type ActionState } from "@/lib/domain/action-state";

/**
 * What RunFailed renders of a run, and all the page sends the browser: a client component's props
 * travel in the page payload, and the stored run also holds server paths (its log's storedPath,
 * its modelDir) and the log's sha256, which are nobody's business in a browser.
 */
export type FailedRun = Pick<RunWithLogFile, "id" | "logFileId" | "status" | "error" | "params">;

/** A failed or cancelled run: what went wrong, Retry with the same parameters, or edit them. */
export function RunFailed({ run }: { run: FailedRun }) {
  const router = useRouter();
  const [state, retry, pending] = useActionState<ActionState, FormData>(startRun, IDLE_ACTION);
  useEffect(() => {
    if (state.status === "ok" && state.runId !== undefined) router.push(`/runs/${state.runId}`);
  }, [state, router]);
  // Every parameter as it was asked for ("auto" stays auto, the feature set is kept).
  const fields: Record<string, string> = {
    logFileId: String(run.logFileId),
    ...Object.fromEntries(Object.entries(requestedParams(run.params)).map(([name, value]) => [name, String(value)])),
  };
  const cancelled = run.status === "cancelled";

  return (
    <Card className="mx-auto max-w-2xl" label="Run failed">
      <div className="flex gap-4 p-6">
        <div className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-full ${cancelled ? "bg-amber-100 text-amber-700" : "bg-red-100 text-red-600"}`}>
          <AlertIcon size={20} />
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold text-slate-900">{cancelled ? "This run was cancelled" : "This run failed"}</h2>
          <p className="mt-1 text-sm text-slate-600">{run.error ?? (cancelled ? "It was stopped before it finished." : "The job stopped without a message.")}</p>
          {state.status === "error" && <p role="alert" className="mt-3 text-sm text-red-600">{state.message}</p>}
          <form action={retry} className="mt-5 flex gap-2">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Starting…" : "Retry with the same parameters"}
            </Button>
            <ButtonLink href={`/runs/new?from=${run.id}`}>Edit parameters</ButtonLink>
          </form>
        </div>
      </div>
    </Card>
  );
}
