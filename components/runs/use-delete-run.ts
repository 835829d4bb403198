"use client";

import { useState, useTransition } from "react";
import { deleteRun } from "@/app/actions/delete-run";
import { IDLE_ACTION } from "@/lib/domain/action-state";

/** Confirm-then-delete state shared by the runs table and the run page's header. */
export function useDeleteRun(runId: number, onDeleted: () => void) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const remove = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set("runId", String(runId));
      try {
        const result = await deleteRun(IDLE_ACTION, form);
        if (result.status !== "ok") {
          setError((result.status === "error" && result.message) || "The run could not be deleted.");
          return;
        }
        onDeleted();
      } catch {
        setError("The server could not be reached; try again.");
      }
    });

  const ask = () => {
    setError(null);
    setConfirming(true);
  };

  return { confirming, setConfirming, ask, error, pending, remove };
}
