"use client";

import { useEffect, useRef, useState } from "react";
import { labelsFromIndices } from "@/lib/ui/relabel-client";
import type { RunSeries } from "@/lib/ui/run-series";
import { formatParamNumber } from "@/lib/ui/url-state";
import { readWindowPage } from "@/lib/ui/window-rows";

interface DbscanState {
  key: string;
  labels: Uint8Array;
}

const PAGE_SIZE = 1000;
const DEBOUNCE_MS = 400;
const keyOf = (eps: number, minSamples: number) => `${formatParamNumber(eps)}|${minSamples}`;

/**
 * DBSCAN labels for the chosen eps and min samples. The stored labels serve the run's own
 * settings; other settings need a refit, which the server does (GET /api/runs/:id/windows with
 * filter=dbscan lists the windows it flags). Requests wait until the slider rests, stale answers
 * are dropped, and the previous labels stay on screen meanwhile.
 */
export function useDbscanLabels(runId: number, series: RunSeries, eps: number, minSamples: number) {
  const storedKey = series.dbscanSettings ? keyOf(series.dbscanSettings.eps, series.dbscanSettings.minSamples) : "";
  const cache = useRef(new Map<string, Uint8Array>([[storedKey, series.dbscan]]));
  const [current, setCurrent] = useState<DbscanState>({ key: storedKey, labels: series.dbscan });
  const [error, setError] = useState<string | null>(null);
  const wanted = keyOf(eps, minSamples);

  useEffect(() => {
    const cached = cache.current.get(wanted);
    if (cached) {
      setCurrent({ key: wanted, labels: cached });
      setError(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const indices: number[] = [];
        for (let page = 1; ; page++) {
          const query = new URLSearchParams({
            filter: "dbscan",
            sort: "time",
            page: String(page),
            pageSize: String(PAGE_SIZE),
            eps: formatParamNumber(eps),
            minSamples: String(minSamples),
          });
          const response = await fetch(`/api/runs/${runId}/windows?${query}`, { signal: controller.signal });
          const body: unknown = await response.json().catch(() => null);
          const data = response.ok ? readWindowPage(body) : null;
          if (!data) {
            const message = body && typeof body === "object" && "error" in body ? String((body as { error: unknown }).error) : null;
            throw new Error(message ?? `DBSCAN could not be refitted (HTTP ${response.status}).`);
          }
          for (const row of data.rows) indices.push(row.index);
          if (page >= data.pageCount || data.rows.length === 0) break;
        }
        const labels = labelsFromIndices(series.count, indices);
        if (cache.current.size > 30) cache.current.clear();
        cache.current.set(wanted, labels);
        setCurrent({ key: wanted, labels });
        setError(null);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "DBSCAN could not be refitted.");
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId, series.count, wanted, eps, minSamples]);

  return { labels: current.labels, pending: current.key !== wanted && error === null, error, stale: current.key !== wanted };
}
