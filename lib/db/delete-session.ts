import { openDb } from "./client";
import { guardDb } from "./errors";

/** Ends the session with this token hash (sign-out); false when there was none. */
export async function deleteSession(tokenHash: string): Promise<boolean> {
  return guardDb(async () => {
    const db = await openDb();
    const { count } = await db.session.deleteMany({ where: { tokenHash } });
    return count > 0;
  });
}
