"use client";

import { useSyncExternalStore } from "react";
import type { PreviewTimes } from "@/lib/ui/future-year";

/**
 * The New run preview's record times, for the Year field: the preview sits in the Format card and
 * the Year field in the Parameters card, siblings whose common parent (new-run-flow.tsx) holds
 * neither's state, so the preview publishes what it read here and the field subscribes. The page
 * has one preview, hence one value.
 */

let current: PreviewTimes | null = null;
const listeners = new Set<() => void>();

const same = (a: PreviewTimes | null, b: PreviewTimes | null) =>
  a === b || (a !== null && b !== null && a.year === b.year && a.firstTime === b.firstTime && a.lastTime === b.lastTime);

export function publishPreviewTimes(times: PreviewTimes | null): void {
  if (same(current, times)) return;
  current = times;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest preview's times; null before a preview (and on the server). */
export function usePreviewTimes(): PreviewTimes | null {
  return useSyncExternalStore(subscribe, () => current, () => null);
}
