"use client";

import { useEffect } from "react";
import { encodeRunView, toQueryString, type RunViewState } from "@/lib/ui/url-state";

/**
 * Mirrors the view state into the address bar (replaceState: no navigation, no server render, no
 * history entry per slider step), once the state has rested for a moment.
 */
export function useUrlSync(state: RunViewState, delayMs = 250) {
  useEffect(() => {
    const timer = setTimeout(() => {
      const query = toQueryString(encodeRunView(state));
      if (query !== window.location.search && !(query === "" && window.location.search === "?")) {
        window.history.replaceState(null, "", `${window.location.pathname}${query}${window.location.hash}`);
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [state, delayMs]);
}
