"use client";

/**
 * Canvas work spread over animation frames: one job per frame, the most urgent first, and a job
 * queued again before it ran replaces the older one (a slider dragged across ten steps draws each
 * chart once, with the latest data). Without a GPU the browser rasterises every canvas touched in
 * a frame within that frame, so five charts redrawn together made one long task; one per frame
 * keeps each frame short.
 */

interface Job {
  priority: number;
  run: () => void;
}

const jobs = new Map<unknown, Job>();
let pending = false;

function runNext(): void {
  pending = false;
  let bestKey: unknown = undefined;
  let best: Job | undefined;
  for (const [key, job] of jobs) {
    if (!best || job.priority < best.priority) {
      best = job;
      bestKey = key;
    }
  }
  if (!best) return;
  jobs.delete(bestKey);
  try {
    best.run();
  } finally {
    if (jobs.size > 0) schedule();
  }
}

function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(runNext);
}

/** Runs `run` on a coming frame (lower `priority` first); a later call with the same key replaces it. */
export function queueFrameJob(key: unknown, run: () => void, priority = 1): void {
  jobs.set(key, { priority, run });
  schedule();
}

/** Drops a queued job (its chart was destroyed). */
export function cancelFrameJob(key: unknown): void {
  jobs.delete(key);
}
