"use client";

import { useRouter } from "next/navigation";
import { ButtonLink, Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { isActive } from "@/lib/domain/types";
import { RerunIcon, TrashIcon } from "@/components/ui/icons";
import { useDeleteRun } from "./use-delete-run";
import type { RunRow } from "./run-row";

/** Open, re-run with other parameters (New run, prefilled), delete after a confirmation. */
export function RunActions({ run }: { run: RunRow }) {
  const router = useRouter();
  const { confirming, setConfirming, ask, error, pending, remove } = useDeleteRun(run.id, () => {
    setConfirming(false);
    router.refresh();
  });

  return (
    <div className="flex items-center justify-end gap-1">
      <ButtonLink href={`/runs/${run.id}`} size="sm" variant="secondary" aria-label={`Open run ${run.id}`}>
        Open
      </ButtonLink>
      <ButtonLink href={`/runs/new?from=${run.id}`} size="sm" variant="ghost" title="Re-run this log with other parameters" aria-label={`Re-run ${run.logFile.name} with other parameters`}>
        <RerunIcon size={14} />
        Re-run
      </ButtonLink>
      <Button
        size="sm"
        variant="ghost"
        className="text-slate-500 hover:bg-red-50 hover:text-red-600"
        aria-label={`Delete run ${run.id}`}
        title="Delete run"
        onClick={ask}
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
          The run on <strong className="font-medium text-slate-800">{run.logFile.name}</strong>, its windows, presets and saved models are
          removed for good{isActive(run.status) ? "; its job is cancelled first" : ""}.
        </ConfirmDialog>
      )}
    </div>
  );
}
