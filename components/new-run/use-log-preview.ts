"use client";

import { useEffect, useState } from "react";
import type { UploadPreview } from "@/lib/server/uploads/preview-upload";

/** What the preview reads a stored log with: the form's own values (blank = the server's default). */
export interface PreviewRequest {
  logFileId: number;
  format: string;
  year: string;
  tz: string;
  timeFormat: string;
  /** JSON key overrides (`time=ts,message=msg`): they change which records a JSON log holds. */
  fields: string;
}

export type PreviewOutcome = { ok: true; preview: UploadPreview } | { ok: false; message: string };

export interface LogPreviewState {
  /** A request for the current values is waiting for its debounce or its answer. */
  loading: boolean;
  /** The answer to the current values, once it is in. */
  outcome: PreviewOutcome | null;
  /** The last preview that read this log, kept while a newer request loads or fails (shown dimmed). */
  last: UploadPreview | null;
}

/** GET /api/uploads/:id/preview's address for the request (blank options left out). */
export function previewUrl(request: PreviewRequest): string {
  const query = new URLSearchParams();
  for (const name of ["format", "year", "tz", "timeFormat", "fields"] as const) {
    const value = request[name].trim();
    if (value !== "") query.set(name, value);
  }
  const text = query.toString();
  return `/api/uploads/${request.logFileId}/preview${text ? `?${text}` : ""}`;
}

async function fetchPreview(url: string, signal: AbortSignal): Promise<PreviewOutcome> {
  const response = await fetch(url, { signal, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (UploadPreview & { error?: unknown }) | null;
  if (response.ok && body && typeof body.format === "string") return { ok: true, preview: body };
  const message = typeof body?.error === "string" ? body.error : `The preview could not be read (HTTP ${response.status}).`;
  return { ok: false, message };
}

/**
 * Previews the stored log as the form's format values change: each change waits `delayMs` for the
 * next keystroke, and a newer request aborts the one in flight, so a slow answer for an old template
 * never replaces the current one. State is keyed by the request's address, so "loading" is simply
 * "no answer for this address yet" and nothing is set synchronously when the values change.
 */
export function useLogPreview(request: PreviewRequest | null, delayMs = 300): LogPreviewState {
  const url = request ? previewUrl(request) : null;
  const logFileId = request?.logFileId ?? null;
  const [answer, setAnswer] = useState<{ url: string; outcome: PreviewOutcome } | null>(null);
  const [last, setLast] = useState<UploadPreview | null>(null);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchPreview(url, controller.signal).then(
        (outcome) => {
          setAnswer({ url, outcome });
          if (outcome.ok) setLast(outcome.preview);
        },
        (error: unknown) => {
          // An aborted request was superseded by a newer one, which reports for itself.
          if (controller.signal.aborted) return;
          const message = error instanceof Error && error.name === "AbortError" ? null : "The server could not be reached; check the connection and try again.";
          if (message) setAnswer({ url, outcome: { ok: false, message } });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, delayMs]);

  const current = answer !== null && answer.url === url ? answer.outcome : null;
  return {
    loading: url !== null && current === null,
    outcome: current,
    // A preview of another log (before "Choose another" finished) is never shown for this one.
    last: last !== null && last.logFileId === logFileId ? last : null,
  };
}
