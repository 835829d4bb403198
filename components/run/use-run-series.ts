"use client";

import { useEffect, useState } from "react";
import { decodeDistancePart, decodeFeaturePart, decodeSeriesCore, type ClientSeries } from "@/lib/ui/series-binary";

/**
 * The Run page's per-window data from GET /api/runs/:id/series (binary columns). The page
 * preloads the core URL in its <head>, so the request is under way while the scripts load; the
 * fetch here picks that response up. Answers are kept per URL for the page's lifetime (they carry
 * the run's version and never change), so remounts and a second visit in the same tab cost nothing.
 */

const answers = new Map<string, Promise<ArrayBuffer>>();

export function fetchSeriesPart(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let answer = answers.get(url);
  if (!answer) {
    answer = fetch(url).then(async (response) => {
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        const message = body && typeof body === "object" && "error" in body ? String((body).error) : null;
        throw new Error(message ?? `The run's windows could not be loaded (HTTP ${response.status}).`);
      }
      return response.arrayBuffer();
    });
    answers.set(url, answer);
    answer.catch(() => answers.delete(url));
    if (answers.size > 40) answers.delete(answers.keys().next().value as string);
  }
  if (!signal) return answer;
  return new Promise((done, fail) => {
    signal.addEventListener("abort", () => fail(new DOMException("aborted", "AbortError")), { once: true });
    answer.then(done, fail);
  });
}

/**
 * The core series (starts, scores, stored DBSCAN labels, the first feature columns); null while it
 * loads. A new URL of the same run (a live run's windows grew, issue #17) keeps the previous
 * series on screen until the new one is in, so the charts grow instead of blinking.
 */
export function useRunSeries(url: string) {
  const [state, setState] = useState<{ url: string; series: ClientSeries | null; error: string | null }>({ url, series: null, error: null });
  const [previous, setPrevious] = useState<{ url: string; series: ClientSeries } | null>(null);
  if (state.url !== url && state.series && previous?.series !== state.series) setPrevious({ url: state.url, series: state.series });
  useEffect(() => {
    let live = true;
    fetchSeriesPart(url).then(
      (buffer) => {
        const series = decodeSeriesCore(buffer);
        // An ordinary (not transition) update: the counts and the timeline render in one go, and the
        // panels below the fold follow through useDeferredValue (run-explorer.tsx).
        if (live) setState({ url, series, error: null });
      },
      (error: unknown) => {
        if (live) setState({ url, series: null, error: error instanceof Error ? error.message : "The run's windows could not be loaded." });
      },
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (state.url === url) return { series: state.series, error: state.error };
  return { series: previous && sameRun(previous.url, url) ? previous.series : null, error: null };
}

/** Two series URLs of one run (the path before the query names it). */
function sameRun(a: string, b: string): boolean {
  return a.split("?")[0] === b.split("?")[0];
}

/** One feature's column: from the core series when it came with it, else fetched once. */
export function useFeatureColumn(series: ClientSeries | null, runId: number, version: string, feature: number): Float32Array | null {
  // Keyed by version too: a live run's columns grow, and an older one has too few values.
  const [loaded, setLoaded] = useState(() => new Map<string, Float32Array>());
  const fetched = loaded.get(`${version}|${feature}`);
  const own = series?.features.get(feature) ?? (fetched && fetched.length === series?.count ? fetched : null);
  useEffect(() => {
    if (!series || own) return;
    const controller = new AbortController();
    fetchSeriesPart(`/api/runs/${runId}/series?part=feature&feature=${feature}&v=${version}`, controller.signal).then(
      (buffer) => {
        const part = decodeFeaturePart(buffer);
        if (part.values.length === series.count) setLoaded((m) => new Map(m).set(`${version}|${part.feature}`, part.values));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [series, own, runId, version, feature]);
  return own;
}

/**
 * The stored distances to the nearest DBSCAN core point, fetched (once the core series is in) only
 * when `wanted`: the evaluation curves of a run with ground truth need them, nothing else does.
 * Undefined while loading; null when not wanted, not stored or not available.
 */
export function useDbscanDistance(series: ClientSeries | null, runId: number, version: string, wanted: boolean): Float64Array | null | undefined {
  const [answer, setAnswer] = useState<{ series: ClientSeries; distances: Float64Array | null } | null>(null);
  // Only the answer for this series: a live run's next series has more windows than the last answer.
  const distances = answer && answer.series === series ? answer.distances : undefined;
  useEffect(() => {
    if (!series || !wanted) return;
    const controller = new AbortController();
    fetchSeriesPart(`/api/runs/${runId}/series?part=distance&v=${version}`, controller.signal).then(
      (buffer) => {
        const values = decodeDistancePart(buffer);
        setAnswer({ series, distances: values.length === series.count ? values : null });
      },
      () => {
        if (!controller.signal.aborted) setAnswer({ series, distances: null });
      },
    );
    return () => controller.abort();
  }, [series, runId, version, wanted]);
  return wanted ? distances : null;
}
