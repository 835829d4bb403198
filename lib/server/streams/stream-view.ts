import "server-only";
import { getRun } from "@/lib/db/get-run";
import type { RunRecord } from "@/lib/db/types";
import type { StreamRecord, StreamSource, StreamSourceConfig, StreamState } from "@/lib/domain/stream-types";

/** A stream as the API shows it (GET /api/streams, GET /api/streams/:id, and the answers of create and stop). */
export interface StreamView {
  id: number;
  name: string;
  source: StreamSource;
  /** The syslog port or the followed file; null for http. */
  config: StreamSourceConfig;
  state: StreamState;
  /** The stream's live run (its windows: GET /api/runs/:runId/windows) and the run whose model scores it. */
  runId: number;
  modelRunId: number;
  lateness: number;
  /** Lines stored, lines that were not records, records later than their window. */
  lines: number;
  unparsedLines: number;
  lateRecords: number;
  /** Windows stored so far and how many of them the ensemble flagged. */
  windows: number;
  anomalies: number;
  /** The last sequence number acknowledged to an HTTP client (null before the first). */
  lastSeq: number | null;
  lastProblem: string | null;
  createdAt: string;
  stoppedAt: string | null;
}

/** The view of a stream whose live run is `run` (null if the run is gone: no windows to count). */
export function toStreamView(stream: StreamRecord, run: RunRecord | null): StreamView {
  return {
    id: stream.id,
    name: stream.name,
    source: stream.source,
    config: stream.sourceConfig,
    state: stream.state,
    runId: stream.runId,
    modelRunId: stream.modelRunId,
    lateness: stream.lateness,
    lines: stream.lines,
    unparsedLines: stream.unparsedLines,
    lateRecords: stream.lateRecords,
    windows: run?.windowCount ?? 0,
    anomalies: run?.counts?.ensemble ?? 0,
    lastSeq: stream.lastSeq,
    lastProblem: stream.lastProblem,
    createdAt: stream.createdAt.toISOString(),
    stoppedAt: stream.stoppedAt?.toISOString() ?? null,
  };
}

/** The view with its run's counts read now. */
export async function loadStreamView(stream: StreamRecord): Promise<StreamView> {
  return toStreamView(stream, await getRun(stream.runId));
}
