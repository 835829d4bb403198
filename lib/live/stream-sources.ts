import { config } from "@/lib/config/env";
import { listStreams } from "@/lib/db/list-streams";
import { setStreamProblem } from "@/lib/db/set-stream-problem";
import {
  fileSourceConfigSchema,
  STREAMS_OFF,
  syslogSourceConfigSchema,
  type StreamRecord,
  type StreamSource,
  type StreamSourceConfig,
} from "@/lib/domain/stream-types";
import { isUserInputError, UserInputError } from "@/lib/domain/user-input-error";
import { FileSource } from "./file-source";
import { resolveStreamFile } from "./stream-file-path";
import { checkSyslogPort, SyslogReceiver } from "./syslog-receiver";

/**
 * The live sources this process runs (docs/live.md): a syslog receiver or a file follower per
 * syslog or file stream (an HTTP stream's lines come through its route: nothing to run). Started
 * when such a stream is created and, at server start, for every stream still live
 * (resumeLiveSources, from instrumentation.ts). One process runs a stream's source: the port and
 * the followed file's offset are one process's business.
 */

interface RunningSource {
  close(flushLastLine: boolean): Promise<void>;
}

const running = new Map<number, Promise<RunningSource>>();

/** Starts the stream's source (once per process). Throws a UserInputError sentence when it cannot run. */
export async function startStreamSource(stream: StreamRecord): Promise<void> {
  if (stream.source === "http") return;
  if (!config().streams.enabled) throw new UserInputError(STREAMS_OFF);
  if (stream.state !== "live") throw new UserInputError(`Stream ${stream.id} was stopped; create a new stream to receive more lines.`);
  const existing = running.get(stream.id);
  if (existing) {
    await existing;
    return;
  }
  const starting: Promise<RunningSource> =
    stream.source === "syslog"
      ? SyslogReceiver.start(stream).then((receiver) => ({ close: () => receiver.close() }))
      : FileSource.start(stream);
  running.set(stream.id, starting);
  try {
    await starting;
  } catch (error) {
    if (running.get(stream.id) === starting) running.delete(stream.id);
    throw error;
  }
}

/**
 * Refuses, in one sentence, a source a stream may not have here: streams off, a syslog port outside
 * LOGSCOPE_SYSLOG_PORTS, a file outside LOGSCOPE_STREAM_FILES_DIR or missing. For the create-stream
 * route, before the stream exists; startStreamSource then says only what shows on starting (a port
 * another program holds).
 */
export async function checkStreamSource(source: StreamSource, sourceConfig: StreamSourceConfig): Promise<void> {
  if (!config().streams.enabled) throw new UserInputError(STREAMS_OFF);
  const syslog = syslogSourceConfigSchema.safeParse(sourceConfig);
  if (source === "syslog" && syslog.success) checkSyslogPort(syslog.data.port);
  const file = fileSourceConfigSchema.safeParse(sourceConfig);
  if (source === "file" && file.success) await resolveStreamFile(file.data.path);
}

/**
 * Stops the stream's source, storing what it had received (a file's last line without a line
 * break included). Call it before stopLiveStream(id), which then closes the stream's open windows.
 */
export async function stopStreamSource(id: number): Promise<void> {
  const source = running.get(id);
  running.delete(id);
  await (await source?.catch(() => null))?.close(true);
}

/** Stops every source of this process (it is stopping; the streams stay live and are resumed at the next start). */
export async function closeStreamSources(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.all(all.map(async (source) => (await source.catch(() => null))?.close(false)));
}

/**
 * At server start: starts again the source of every live syslog and file stream (when live streams
 * are on). A stream whose source cannot start (its port taken, its file gone, its model deleted) gets
 * the sentence in its lastProblem and on the server's log; the others start all the same.
 */
export async function resumeLiveSources(): Promise<{ started: number[]; failed: number[] }> {
  const outcome = { started: [] as number[], failed: [] as number[] };
  if (!config().streams.enabled) return outcome;
  for (const stream of await listStreams({ state: "live" })) {
    if (stream.source === "http") continue;
    try {
      await startStreamSource(stream);
      outcome.started.push(stream.id);
    } catch (error) {
      outcome.failed.push(stream.id);
      const sentence = isUserInputError(error)
        ? error.message
        : `The ${stream.source} source of stream ${stream.id} could not start again (${error instanceof Error ? error.message : String(error)}).`;
      console.error(`Logscope: stream ${stream.id}: ${sentence}`);
      await setStreamProblem(stream.id, sentence).catch(() => undefined);
    }
  }
  return outcome;
}
