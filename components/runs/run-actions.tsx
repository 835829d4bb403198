"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteRun } from "@/app/actions/delete-run";
import { ButtonLink, Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RerunIcon, TrashIcon } from "@/components/ui/icons";
import { IDLE_ACTION } from "@/lib/ui/action-result";
import type { RunRow } from "./run-row-types";

/** Open, re-run with other parameters (New run, prefilled), delete after a confirmation. */
export function RunActions({ run }: { run: RunRow }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const remove = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set("runId", String(run.id));
      try {
        const result = await deleteRun(IDLE_ACTION, form);
        if (!result.ok) {
          setError(result.message || "The run could not be deleted.");
          return;
        }
        setConfirming(false);
        router.refresh();
      } catch {
        setError("The server could not be reached; try again.");
      }
    });

  return (
    <div className="flex items-center justify-end gap-1">
      <ButtonLink href={`/runs/${run.id}`} size="sm" variant="secondary" aria-label={`Open run ${run.id}`}>
        Open
      </ButtonLink>
      <ButtonLink href={`/runs/new?from=${run.id}`} size="sm" variant="ghost" title="Re-run this log with other parameters" aria-label={`Re-run ${run.fileName} with other parameters`}>
        <RerunIcon size={14} />
        Re-run
      </ButtonLink>
      <Button
        size="sm"
        variant="ghost"
        className="text-slate-400 hover:bg-red-50 hover:text-red-600"
        aria-label={`Delete run ${run.id}`}
        title="Delete run"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        <TrashIcon size={15} />
      </Button>
      {confirming && (
        <ConfirmDialog
          open
          title={`Delete run #${run.id}?`}
          confirmLabel="Delete run"
          pending={pending}
          error={error}
          onConfirm={remove}
          onClose={() => setConfirming(false)}
        >
          The run on <strong className="font-medium text-slate-800">{run.fileName}</strong>, its windows, presets and saved models are
          removed for good{run.status === "running" || run.status === "queued" ? "; its job is cancelled first" : ""}.
        </ConfirmDialog>
      )}
    </div>
  );
}
