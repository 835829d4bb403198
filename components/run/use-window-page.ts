"use client";

import { useEffect, useState } from "react";
import { readWindowPage, type WindowPageData } from "@/lib/ui/window-rows";

/**
 * One page of the windows table from `GET /api/runs/:id/windows`, refetched (after a short pause,
 * so a dragged slider sends one request, not fifty) whenever the query changes. The previous page
 * stays visible, dimmed, while the next one loads.
 */
export function useWindowPage(runId: number, query: string, initial: { query: string; data: WindowPageData } | null, version = "") {
  // The run's data version is part of what was fetched: a live run's windows grow (issue #17), and
  // the same query then asks again. The fetch itself sends the query alone.
  const key = `${version}#${query}`;
  const [state, setState] = useState<{ query: string; data: WindowPageData | null; error: string | null }>(
    initial ? { query: `${version}#${initial.query}`, data: initial.data, error: null } : { query: "", data: null, error: null },
  );

  useEffect(() => {
    if (state.query === key && state.error === null && state.data) return;
    const controller = new AbortController();
    const timer = setTimeout(() => void (async () => {
      try {
        const response = await fetch(`/api/runs/${runId}/windows?${query}`, { signal: controller.signal });
        const body: unknown = await response.json().catch(() => null);
        const data = response.ok ? readWindowPage(body) : null;
        if (!data) {
          const message = body && typeof body === "object" && "error" in body ? String((body).error) : null;
          throw new Error(message ?? `The windows could not be loaded (HTTP ${response.status}).`);
        }
        setState({ query: key, data, error: null });
      } catch (e) {
        if (!controller.signal.aborted) setState((s) => ({ ...s, query: key, error: e instanceof Error ? e.message : "The windows could not be loaded." }));
      }
    })(), 250);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- state is deliberately not a dependency: only a new query triggers a fetch.
  }, [runId, query, key]);

  return { data: state.data, error: state.query === key ? state.error : null, loading: state.query !== key };
}
