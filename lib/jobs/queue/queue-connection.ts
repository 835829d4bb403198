import { networkFailureReason } from "@/lib/ops/network-failure";
import { Queue, type ConnectionOptions } from "bullmq";

/**
 * The Redis side of queue mode (LOGSCOPE_QUEUE_URL): the queue's name, connection options, and the
 * start-up check that turns an unreachable Redis into one sentence.
 */

/** One BullMQ queue per Redis database; give each Logscope installation its own (redis://host:6379/2). */
export const QUEUE_NAME = "logscope-jobs";

/**
 * BullMQ job ids: the DB job id, so adding the same job twice is a no-op. Prefixed because BullMQ 5
 * refuses custom ids that are plain integers (they could clash with its own counter).
 */
export const queueJobId = (jobId: number): string => `job-${jobId}`;

/** The DB job id of a BullMQ job id, or null for anything this code did not add. */
export function dbJobIdOf(queueId: string | undefined): number | null {
  const match = /^job-(\d+)$/.exec(queueId ?? "");
  const id = match?.[1] === undefined ? NaN : Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Options for a BullMQ Queue, Worker or QueueEvents. `maxRetriesPerRequest: null` is what BullMQ
 * requires of blocking connections; a Redis restart is waited out rather than failing the worker.
 */
export function queueConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/** The URL as it may be printed: without a password. */
export function showQueueUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "LOGSCOPE_QUEUE_URL";
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // ioredis says "timeout" (no code) when the probe's own connect timeout passes.
  if (code === "ETIMEDOUT" || message === "timeout") return `no answer within ${timeoutMs / 1000} s`;
  const network = networkFailureReason(error);
  if (network !== undefined) return network;
  if (/WRONGPASS|NOAUTH|invalid password/i.test(message)) return "Redis refused the user name or password";
  return message.split("\n")[0] ?? "unknown error";
}

/**
 * Null when Redis at `url` answers, else the sentence to stop with. The probe does not retry
 * (BullMQ's own connections wait for Redis forever, which is right for a running worker and wrong
 * for one starting against a typo).
 */
export async function checkQueue(url: string, timeoutMs = 3000): Promise<string | null> {
  const probe = new Queue(QUEUE_NAME, {
    connection: { url, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false },
  });
  probe.on("error", () => undefined); // the failure is reported once, below
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), timeoutMs + 500);
    });
    const client = await Promise.race([probe.client, timeout]);
    await Promise.race([client.ping(), timeout]);
    return null;
  } catch (error) {
    return `Cannot reach the job queue at ${showQueueUrl(url)} (${reasonOf(error, timeoutMs)}); check LOGSCOPE_QUEUE_URL and that Redis is running.`;
  } finally {
    clearTimeout(timer);
    await probe.close().catch(() => undefined);
  }
}
