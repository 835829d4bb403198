import { openDb } from "./client";
import { guardDb } from "./errors";
import { toPresetRecord } from "./map-records";
import type { PresetRecord } from "./types";

/** A run's presets by name. */
export async function listPresets(runId: number): Promise<PresetRecord[]> {
  return guardDb(async () => {
    const db = await openDb();
    const rows = await db.thresholdPreset.findMany({ where: { runId }, orderBy: { name: "asc" } });
    return rows.map(toPresetRecord);
  });
}
