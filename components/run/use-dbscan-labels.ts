"use client";

import { startTransition, useEffect, useRef, useState } from "react";
import type { ClientSeries } from "@/lib/ui/series-binary";
import { decodeDbscanPart } from "@/lib/ui/series-binary";
import { formatParamNumber } from "@/lib/ui/url-state";
import { fetchSeriesPart } from "./use-run-series";

interface DbscanState {
  key: string;
  labels: Uint8Array;
}

const DEBOUNCE_MS = 300;
const keyOf = (eps: number, minSamples: number) => `${formatParamNumber(eps)}|${minSamples}`;

/**
 * DBSCAN labels for the chosen eps and min samples. The stored labels serve the run's own
 * settings; other settings need a refit, which the server does (GET /api/runs/:id/series?part=dbscan
 * answers one byte per window). Requests wait until the slider rests, stale answers are dropped,
 * and the previous labels stay on screen meanwhile. Null while the run's data loads.
 */
export function useDbscanLabels(runId: number, version: string, series: ClientSeries | null, eps: number, minSamples: number) {
  const cache = useRef(new Map<string, Uint8Array>());
  // Labels belong to one series: a live run's next one has more windows (issue #17), so start over.
  const cachedFor = useRef<ClientSeries | null>(null);
  if (series && cachedFor.current !== series) {
    cachedFor.current = series;
    cache.current.clear();
  }
  const [current, setCurrent] = useState<DbscanState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const wanted = keyOf(eps, minSamples);
  const storedKey = series?.dbscanSettings ? keyOf(series.dbscanSettings.eps, series.dbscanSettings.minSamples) : null;
  if (series && storedKey !== null && !cache.current.has(storedKey)) cache.current.set(storedKey, series.dbscan);

  useEffect(() => {
    if (!series) return;
    const cached = cache.current.get(wanted);
    if (cached) {
      setCurrent({ key: wanted, labels: cached });
      setError(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => void (async () => {
      try {
        const query = new URLSearchParams({ part: "dbscan", eps: formatParamNumber(eps), minSamples: String(minSamples), v: version });
        const part = decodeDbscanPart(await fetchSeriesPart(`/api/runs/${runId}/series?${query}`, controller.signal));
        if (part.labels.length !== series.count) throw new Error("DBSCAN answered for another number of windows.");
        if (cache.current.size > 30) cache.current.clear();
        cache.current.set(wanted, part.labels);
        startTransition(() => {
          setCurrent({ key: wanted, labels: part.labels });
          setError(null);
        });
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "DBSCAN could not be refitted.");
      }
    })(), DEBOUNCE_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId, version, series, wanted, eps, minSamples]);

  // Until the first answer, the stored labels stand in (they are the run's own settings' labels).
  const fits = current !== null && current.labels.length === series?.count;
  const shown = (fits ? current : null) ?? (series && storedKey !== null ? { key: storedKey, labels: series.dbscan } : null);
  return {
    labels: shown?.labels ?? null,
    pending: series !== null && shown?.key !== wanted && error === null,
    error,
    stale: shown?.key !== wanted,
  };
}
