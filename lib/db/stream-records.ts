import {
  fileSourceConfigSchema,
  streamSourceSchema,
  streamStateSchema,
  syslogSourceConfigSchema,
  type StreamRecord,
  type StreamSource,
  type StreamSourceConfig,
} from "@/lib/domain/stream-types";
import type { Stream } from "./generated/prisma/client";
import { readJson, readStored, writeJson, type StoredCell } from "./stored-json";

/** A stream goes with its run: deleting the run removes both. */
export const streamCell = (row: { id: number; runId: number }, column: string): StoredCell => ({
  table: "Stream",
  row: String(row.id),
  column,
  remedy: `delete run ${row.runId} and create the stream again`,
});

const configSchemas = { http: null, file: fileSourceConfigSchema, syslog: syslogSourceConfigSchema } as const;

/** The source's settings as stored JSON (null for http); throws the `invalid` DatabaseError when they do not fit the source. */
export function writeSourceConfig(source: StreamSource, config: StreamSourceConfig): string | null {
  const schema = configSchemas[source];
  if (schema === null) return null;
  return writeJson(schema, config, `the ${source} source's settings`);
}

export function toStreamRecord(row: Stream): StreamRecord {
  const source = readStored(streamSourceSchema, row.source, streamCell(row, "source"));
  const schema = configSchemas[source];
  return {
    id: row.id,
    name: row.name,
    source,
    sourceConfig: schema === null ? null : readJson(schema, row.sourceConfig, streamCell(row, "sourceConfig")),
    modelRunId: row.modelRunId,
    runId: row.runId,
    ownerId: row.ownerId,
    lateness: row.lateness,
    state: readStored(streamStateSchema, row.state, streamCell(row, "state")),
    bytes: Number(row.bytes),
    lines: row.lines,
    unparsedLines: row.unparsedLines,
    replayOffset: Number(row.replayOffset),
    replayLine: row.replayLine,
    closedBefore: row.closedBefore === null ? null : Number(row.closedBefore),
    lateRecords: row.lateRecords,
    lastSeq: row.lastSeq === null ? null : Number(row.lastSeq),
    sourceFile: row.sourceFile,
    sourceOffset: row.sourceOffset === null ? null : Number(row.sourceOffset),
    lastProblem: row.lastProblem,
    createdAt: row.createdAt,
    stoppedAt: row.stoppedAt,
  };
}
