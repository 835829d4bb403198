import "server-only";
import { z } from "zod";
import { createStream } from "@/lib/db/create-stream";
import { getRun } from "@/lib/db/get-run";
import { LIVE_DEFAULT_LATENESS_SECONDS, STREAM_SOURCES } from "@/lib/domain/stream-types";
import { startStreamSource } from "@/lib/live/stream-sources";
import { stopLiveStream } from "@/lib/live/stream-registry";
import { fieldErrors, numberField, typeMessage } from "@/lib/pipeline/params";
import { unstreamableReason } from "@/lib/pipeline/watch-windows";
import type { RateLimit } from "@/lib/server/http/rate-limit";
import { invalidInput } from "@/lib/server/http/request-input";
import { ServiceError } from "@/lib/server/http/service-error";
import { checkSourceConfig } from "./check-source-config";
import { toStreamView, type StreamView } from "./stream-view";

// Each stream keeps a model in memory and may open a port or follow a file: an analyst creates a
// few; 30 a minute is never reached by hand, while a script creating streams in a loop is stopped.
export const STREAM_CREATES: RateLimit = {
  limit: 30,
  windowMs: 60_000,
  sentence: (seconds) => `Too many streams created in the last minute; wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
};

const createStreamSchema = z.object({
  name: z.string({ error: typeMessage("name must be text") }).trim().min(1, "name must not be empty").max(200, "name must have at most 200 characters"),
  modelRunId: numberField("modelRunId must be the id of a trained run", (n) => n.int("modelRunId must be a whole number").min(1, "modelRunId must be 1 or more")),
  source: z.enum(STREAM_SOURCES, { error: typeMessage(`source must be one of ${STREAM_SOURCES.join(", ")}`) }),
  config: z.unknown().optional(),
  lateness: numberField("lateness must be a number of seconds", (n) => n.min(0, "lateness must be 0 or more").max(86_400, "lateness must be at most 86400 seconds")).optional(),
  year: numberField("year must be a year such as 2026", (n) => n.int("year must be a whole number").min(1970, "year must be 1970 or later").max(9999, "year must be 9999 or earlier")).optional(),
});

/**
 * POST /api/streams: a stream with its live run, scored by the model of a trained run (docs/live.md).
 * Refused, in one sentence, for bad fields (400), a run that does not exist (404), one that has no
 * model a stream can use (400), a port the server does not open to streams (403), a file it may
 * not follow (400). A syslog or file source is started before the answer; if it cannot start (its
 * port taken, say), the stream is stopped again and the source's sentence is the answer.
 */
export async function createStreamFromFields(fields: Record<string, unknown>, ownerId: number | null): Promise<{ stream: StreamView; runId: number }> {
  const parsed = createStreamSchema.safeParse(fields);
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  const input = parsed.data;
  const model = await getRun(input.modelRunId);
  if (!model) throw new ServiceError(404, `There is no run ${input.modelRunId}: give modelRunId of a run that finished training.`);
  const reason = unstreamableReason({ features: model.params.features, combine: model.params.combine, tails: model.scoreEnsemble?.tails !== undefined });
  if (reason) throw new ServiceError(400, `Run ${model.id}'s model ${reason}, so a stream cannot score it window by window: choose a run trained with the seed profile.`);
  const sourceConfig = await checkSourceConfig(input.source, input.config);
  const { stream, run } = await createStream({
    name: input.name,
    source: input.source,
    sourceConfig,
    modelRunId: model.id,
    ownerId,
    lateness: input.lateness ?? LIVE_DEFAULT_LATENESS_SECONDS,
    year: input.year,
  });
  if (stream.source !== "http") {
    try {
      await startStreamSource(stream);
    } catch (error) {
      // A stream that cannot receive anything is not left live: stopped, its (empty) run finished.
      await stopLiveStream(stream.id).catch(() => undefined);
      throw error;
    }
  }
  return { stream: toStreamView(stream, run), runId: run.id };
}
