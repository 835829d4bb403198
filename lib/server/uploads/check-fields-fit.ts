import "server-only";
import { stat } from "node:fs/promises";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { checkFieldOverrides, jsonLines } from "@/lib/logs/formats/json-lines";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { settleLogFormat } from "@/lib/pipeline/infer-log-year";
import { invalidInput } from "@/lib/server/http/request-input";

/**
 * Refuses a start request whose `--field` overrides name a path that no record of the log's head
 * holds, with the sentence the CLI prints, before anything is stored or queued (the run would only
 * fail later with it). Only JSON reads field paths; other formats ignore them here, as the run does.
 */
export async function checkFieldsFitLog(path: string, options: FormatOptions): Promise<void> {
  if (options.fields === undefined) return;
  try {
    const { size } = await stat(path);
    const settled = await settleLogFormat(path, size, options);
    if (settled.format.definition === jsonLines) checkFieldOverrides(settled.head, options.fields);
  } catch (error) {
    if (isUserInputError(error)) throw invalidInput({ fields: error.message });
    throw error;
  }
}
