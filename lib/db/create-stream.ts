import { randomBytes } from "node:crypto";
import { streamLogKey, type StreamRecord, type StreamSource, type StreamSourceConfig } from "@/lib/domain/stream-types";
import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import { toStreamRecord, writeSourceConfig } from "./stream-records";
import type { RunRecord } from "./types";

export interface CreateStreamInput {
  name: string;
  source: StreamSource;
  sourceConfig: StreamSourceConfig;
  /** A succeeded run with a saved model: its settings, thresholds and model scores the stream. */
  modelRunId: number;
  ownerId: number | null;
  lateness: number;
  /** The year of year-less stamps (classic syslog); default this year. */
  year?: number;
}

/**
 * Creates a stream with its live run and the run's log file (`streams/<id>.log`, empty): one nested
 * create, then the log's key (undone when that fails). The live run copies the model run's parameters, thresholds and model folder, so every
 * page of a run reads it as it reads a trained one. Refuses (`invalid`) a model run that did not
 * succeed or has no saved model.
 */
export async function createStream(input: CreateStreamInput): Promise<{ stream: StreamRecord; run: RunRecord }> {
  const sourceConfig = writeSourceConfig(input.source, input.sourceConfig);
  if (!(input.lateness >= 0 && input.lateness <= 86_400)) throw new DatabaseError("invalid", "A stream's lateness must be between 0 and 86400 seconds.");
  return guardDb(async () => {
    const db = await openDb();
    const model = await db.run.findUnique({ where: { id: input.modelRunId } });
    if (!model || model.status !== "succeeded" || model.modelDir === null) {
      throw new DatabaseError("invalid", `Run ${input.modelRunId} has no saved model: choose a run that finished training.`);
    }
    // Not a content hash: a stream's log grows. The prefix keeps it apart from every upload's hex SHA-256.
    const placeholder = `stream-${randomBytes(16).toString("hex")}`;
    const { id: _id, logFileId: _log, status: _status, createdAt: _created, finishedAt: _finished, stageSeconds: _stages, ...settings } = model;
    // One nested create (one statement's transaction, no interactive one): the log file, the live run and the stream.
    const created = await db.stream.create({
      data: {
        name: input.name,
        source: input.source,
        sourceConfig,
        modelRunId: model.id,
        ownerId: input.ownerId,
        lateness: input.lateness,
        run: {
          create: {
            ...settings,
            status: "live",
            // Year-less stamps of live lines are this year's (unless given), whatever year the model's log was from.
            year: input.year ?? new Date().getUTCFullYear(),
            yearAuto: false,
            yearInferred: false,
            windowCount: 0,
            ifCount: 0,
            dbscanCount: 0,
            aeCount: 0,
            ensembleCount: 0,
            // Labels of a live run are the model's; the model run's relabelling does not carry over.
            labelSettings: null,
            truthSource: null,
            truthWindows: null,
            logFile: { create: { originalName: input.name, sha256: placeholder, size: 0n, lines: 0, unparsedLines: 0, storedPath: `${placeholder}.log` } },
          },
        },
      },
      include: { run: true },
    });
    try {
      // The log's key names the stream, whose id exists only now.
      await db.logFile.update({ where: { id: created.run.logFileId }, data: { storedPath: streamLogKey(created.id) } });
    } catch (error) {
      await db.run.delete({ where: { id: created.runId } }).catch(() => undefined);
      await db.logFile.delete({ where: { id: created.run.logFileId } }).catch(() => undefined);
      throw error;
    }
    const { run, ...stream } = created;
    return { stream: toStreamRecord(stream), run: toRunRecord(run) };
  });
}
