"use client";

import { useEffect, useRef, useState } from "react";
import { isActive } from "@/lib/domain/types";
import { readRunStatus, type RunStatusSnapshot } from "@/lib/ui/run-status-snapshot";

interface Options {
  intervalMs?: number;
  /** Called once when the run leaves queued/running. */
  onSettled?: (snapshot: RunStatusSnapshot) => void;
  /** Called with every snapshot (the loss chart reads the epoch messages). */
  onSnapshot?: (snapshot: RunStatusSnapshot) => void;
}

/**
 * Polls `GET /api/runs/:id` about once a second while the run is queued or running. Polls chain
 * (next request only after the previous answered), so a slow server never piles requests up; a
 * failed request backs off to a few seconds and keeps trying. `gone` turns true on a 404.
 */
export function useRunStatus(initial: RunStatusSnapshot | null, runId: number | null, options: Options = {}) {
  const [snapshot, setSnapshot] = useState<RunStatusSnapshot | null>(initial);
  const [gone, setGone] = useState(false);
  const [stale, setStale] = useState(false);
  const callbacks = useRef(options);
  callbacks.current = options;
  const active = runId !== null && (snapshot === null || isActive(snapshot.status)) && !gone;

  useEffect(() => {
    if (!active || runId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const interval = callbacks.current.intervalMs ?? 1000;

    // One request; the next is scheduled only once it has answered.
    const check = async () => {
      let next = interval;
      try {
        const response = await fetch(`/api/runs/${runId}`, { cache: "no-store", signal: controller.signal });
        if (response.status === 404) {
          if (!stopped) setGone(true);
          return;
        }
        const parsed = response.ok ? readRunStatus(await response.json()) : null;
        if (stopped) return;
        if (!parsed) {
          setStale(true);
          next = Math.min(interval * 4, 5000);
        } else {
          setStale(false);
          setSnapshot(parsed);
          callbacks.current.onSnapshot?.(parsed);
          if (!isActive(parsed.status)) {
            callbacks.current.onSettled?.(parsed);
            return;
          }
        }
      } catch {
        if (stopped) return;
        setStale(true);
        next = Math.min(interval * 4, 5000);
      }
      if (!stopped) poll(next);
    };
    const poll = (delay: number) => {
      timer = setTimeout(() => void check(), delay);
    };
    poll(0);
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [active, runId]);

  return { snapshot, gone, stale };
}
