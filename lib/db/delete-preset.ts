import { openDb } from "./client";
import { guardDb } from "./errors";

/** Deletes a preset; false when there was none with this id. */
export async function deletePreset(id: number): Promise<boolean> {
  return guardDb(async () => {
    const db = await openDb();
    const { count } = await db.thresholdPreset.deleteMany({ where: { id } });
    return count > 0;
  });
}
