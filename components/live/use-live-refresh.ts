"use client";

import { startTransition, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { liveSignature, readLiveRunState } from "@/lib/ui/live-run";

/** How often a live run page asks whether windows closed (a window's score shows within its length plus 2 s). */
export const LIVE_POLL_MS = 2_000;

/**
 * Polls GET /api/runs/:id while the page is live and not paused; when something changed (a window
 * closed, lines came, the stream stopped) the page's server data is refreshed in place
 * (router.refresh: the explorer keeps its state and takes the new series). Answers the time of the
 * last check and the sentence of a failed one.
 */
export function useLiveRefresh(runId: number, signature: string, paused: boolean) {
  const router = useRouter();
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The signature the page shows now; a refresh in flight is not asked for again.
  const shown = useRef(signature);
  const asked = useRef<string | null>(null);
  useEffect(() => {
    shown.current = signature;
  }, [signature]);

  useEffect(() => {
    if (paused) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const response = await fetch(`/api/runs/${runId}`, { cache: "no-store", signal: controller.signal });
        const state = response.ok ? readLiveRunState(await response.json()) : null;
        if (!state) throw new Error(`The run could not be read (HTTP ${response.status}).`);
        setProblem(null);
        setCheckedAt(Date.now());
        const next = liveSignature(state);
        if (next !== shown.current && next !== asked.current) {
          asked.current = next;
          startTransition(() => router.refresh());
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        setProblem(error instanceof Error && error.message.startsWith("The run") ? error.message : "The server could not be reached; trying again.");
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void check(), LIVE_POLL_MS);
    };
    void check();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [runId, paused, router]);

  return { checkedAt, problem };
}
