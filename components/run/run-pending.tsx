"use client";

import { useRouter } from "next/navigation";
import { Card, CardHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { JobProgressPanel } from "@/components/new-run/job-progress-panel";
import type { RunStatusSnapshot } from "@/lib/ui/run-status-snapshot";

/** A run that is not finished yet: live progress, then the page reloads into the explorer. */
export function RunPending({ initial }: { initial: RunStatusSnapshot }) {
  const router = useRouter();
  return (
    <Card className="mx-auto max-w-xl" label="Run progress">
      <CardHeader title="Training in progress" description="This page opens the results as soon as the run finishes." />
      <div className="p-4">
        <JobProgressPanel runId={initial.id} initial={initial} onSettled={() => router.refresh()} />
        <div className="mt-4 flex justify-end">
          <ButtonLink href="/" size="sm">Back to runs</ButtonLink>
        </div>
      </div>
    </Card>
  );
}
