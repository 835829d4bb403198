import { closeDb } from "@/lib/db/client";
import { stopLiveStream } from "@/lib/live/stream-registry";
import { resumeLiveSources, stopStreamSource } from "@/lib/live/stream-sources";

/**
 * A server's stream sources in a child process, for the kill -9 test (file-source-kill.test.ts):
 * starts every live stream's source as a server start does (DATA_DIR, DATABASE_URL,
 * LOGSCOPE_STREAMS and LOGSCOPE_STREAM_FILES_DIR come from the parent), prints `ready <ids>`, and on
 * SIGTERM stops stream STREAM_ID (its source, then its open windows) and exits 0.
 */
async function main(): Promise<void> {
  const { started, failed } = await resumeLiveSources();
  if (failed.length > 0) throw new Error(`streams ${failed.join(", ")} did not start`);
  process.on("SIGTERM", () => void stop());
  process.stdout.write(`ready ${started.join(",")}\n`);
}

async function stop(): Promise<void> {
  const id = Number(process.env.STREAM_ID);
  await stopStreamSource(id);
  await stopLiveStream(id);
  await closeDb();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
