"use client";

import { useEffect, useRef } from "react";
import { encodeRunView, toQueryString, type RunViewState } from "@/lib/ui/url-state";

/**
 * Mirrors the view state into the address bar (replaceState: no navigation, no server render, no
 * history entry per slider step), once the state has rested for a moment.
 *
 * Next's router treats a replaceState as a navigation of its own, so one landing while a window
 * page is loading could cancel that navigation. Every click and Enter therefore writes the pending
 * address first (capture phase, before any link or handler navigates), leaving nothing to land later.
 */
export function useUrlSync(state: RunViewState, delayMs = 250) {
  const pending = useRef<string | null>(null);

  useEffect(() => {
    const query = toQueryString(encodeRunView(state));
    pending.current = query;
    const timer = setTimeout(() => {
      pending.current = null;
      writeQuery(query);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [state, delayMs]);

  useEffect(() => {
    const flush = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== "Enter") return;
      const query = pending.current;
      pending.current = null;
      if (query !== null) writeQuery(query);
    };
    document.addEventListener("click", flush, true);
    document.addEventListener("keydown", flush, true);
    return () => {
      document.removeEventListener("click", flush, true);
      document.removeEventListener("keydown", flush, true);
    };
  }, []);
}

function writeQuery(query: string): void {
  if (query !== window.location.search && !(query === "" && window.location.search === "?")) {
    window.history.replaceState(null, "", `${window.location.pathname}${query}${window.location.hash}`);
  }
}
