import "server-only";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { listRuns } from "@/lib/db/list-runs";
import type { RunRecord } from "@/lib/db/types";
import { checkDetectParams } from "@/lib/pipeline/params";
import { findProjectRoot } from "@/lib/jobs/job-config";
import { queueRun } from "./run-commands";
import { storeUpload } from "@/lib/server/uploads/store-upload";

/** The bundled Loghub sample; its lines are from 2005. */
export const EXAMPLE_LOG = { file: "logs/Linux_2k.log", year: 2005 } as const;

/**
 * On an empty database, stores the bundled example log and queues a default run of it, so a fresh
 * dashboard opens on something to explore. Goes through the same upload and queue path as an
 * analyst's own upload; the server's job runner trains it.
 */
export async function seedExampleRun(): Promise<RunRecord | null> {
  const { total } = await listRuns({ pageSize: 1 });
  if (total > 0) return null;
  const path = join(findProjectRoot(), EXAMPLE_LOG.file);
  const { logFile } = await storeUpload(createReadStream(path), { originalName: "Linux_2k.log" });
  const check = checkDetectParams({ year: EXAMPLE_LOG.year });
  if (!check.params) throw new Error("the example run's parameters are invalid");
  return queueRun({ logFileId: logFile.id, params: check.params });
}
