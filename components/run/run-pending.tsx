"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { cancelRun } from "@/app/actions/cancel-run";
import { Card, CardHeader } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";
import { JobProgressPanel } from "@/components/new-run/job-progress-panel";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import type { RunStatusSnapshot } from "@/lib/ui/run-status-snapshot";

/**
 * A run that is not finished yet: live progress and a Cancel button (issue #16: there was no way to
 * stop a job from its own page), then the page reloads into the explorer, or into the cancelled run.
 */
export function RunPending({ initial }: { initial: RunStatusSnapshot }) {
  const router = useRouter();
  const [cancelling, startCancel] = useTransition();
  const [refusal, setRefusal] = useState<string | null>(null);
  const cancel = () =>
    startCancel(async () => {
      const form = new FormData();
      form.set("runId", String(initial.id));
      const result = await cancelRun(IDLE_ACTION, form).catch(() => null);
      if (result?.status === "ok") router.refresh();
      else setRefusal(result?.status === "error" ? result.message : "The server could not be reached; try again.");
    });
  return (
    <Card className="mx-auto max-w-xl" label="Run progress">
      <CardHeader title="Training in progress" description="This page opens the results as soon as the run finishes." />
      <div className="p-4">
        <JobProgressPanel runId={initial.id} initial={initial} onSettled={() => router.refresh()} />
        {refusal && <p role="alert" className="mt-3 text-sm text-red-700">{refusal}</p>}
        <div className="mt-4 flex justify-end gap-2">
          <Button size="sm" variant="secondary" onClick={cancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel run"}
          </Button>
          <ButtonLink href="/" size="sm">Back to runs</ButtonLink>
        </div>
      </div>
    </Card>
  );
}
