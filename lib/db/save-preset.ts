import type { LabelSettings } from "@/lib/domain/types";
import { openDb } from "./client";
import { DatabaseError, guardDb, toDatabaseError } from "./errors";
import { toPresetRecord } from "./map-records";
import type { PresetRecord } from "./types";
import { quoteInput } from "@/lib/domain/quote-input";

export interface SavePresetInput extends LabelSettings {
  runId: number;
  name: string;
  /** Replace a preset of the same name on this run instead of refusing. */
  overwrite?: boolean;
}

/** Saves a named threshold preset for a run; names are unique per run. */
export async function savePreset(input: SavePresetInput): Promise<PresetRecord> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new DatabaseError("invalid", "A preset name must have 1 to 100 characters.");
  }
  const settings = {
    contamination: input.contamination,
    aePercentile: input.aePercentile,
    eps: input.eps,
    minSamples: input.minSamples,
    votes: input.votes,
  };
  return guardDb(async () => {
    const db = await openDb();
    try {
      const row = input.overwrite
        ? await db.thresholdPreset.upsert({
            where: { runId_name: { runId: input.runId, name } },
            create: { runId: input.runId, name, ...settings },
            update: settings,
          })
        : await db.thresholdPreset.create({ data: { runId: input.runId, name, ...settings } });
      return toPresetRecord(row);
    } catch (error) {
      throw toDatabaseError(error, {
        conflict: `This run already has a preset named ${quoteInput(name)}.`,
        invalid: "The preset could not be saved: its run does not exist.",
      });
    }
  });
}
