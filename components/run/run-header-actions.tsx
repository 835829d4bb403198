"use client";

import { useRouter } from "next/navigation";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CompareIcon, RerunIcon, TrashIcon } from "@/components/ui/icons";
import { useDeleteRun } from "@/components/runs/use-delete-run";

/** `rerun` false hides Re-run: a stream's run (issue #17) has a growing log and a model, not a training to repeat. */
export function RunHeaderActions({ runId, fileName, active, rerun = true }: { runId: number; fileName: string; active: boolean; rerun?: boolean }) {
  const router = useRouter();
  const { confirming, setConfirming, ask, error, pending, remove } = useDeleteRun(runId, () => {
    router.push("/");
    router.refresh();
  });

  return (
    <div className="flex items-center gap-2">
      <ButtonLink href={`/compare?a=${runId}`} variant="secondary" size="sm">
        <CompareIcon size={14} />
        Compare
      </ButtonLink>
      {rerun && (
        <ButtonLink href={`/runs/new?from=${runId}`} variant="secondary" size="sm">
          <RerunIcon size={14} />
          Re-run
        </ButtonLink>
      )}
      <Button size="sm" variant="ghost" className="text-slate-500 hover:bg-red-50 hover:text-red-600" onClick={ask}>
        <TrashIcon size={14} />
        Delete
      </Button>
      {confirming && (
        <ConfirmDialog
          open
          title={`Delete run #${runId}?`}
          confirmLabel="Delete run"
          pending={pending}
          error={error}
          onConfirm={remove}
          onClose={() => setConfirming(false)}
        >
          The run on <strong className="font-medium text-slate-800">{fileName}</strong>, its windows, presets and saved models are removed for good
          {active ? "; its job is cancelled first" : ""}.
        </ConfirmDialog>
      )}
    </div>
  );
}
