import type { Principal } from "./account-types";
import { openDb } from "./client";
import { guardDb } from "./errors";

/** The user of an unexpired session with this token hash, or null. */
export async function checkSession(tokenHash: string, now = new Date()): Promise<Principal | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.session.findUnique({
      where: { tokenHash },
      select: { expiresAt: true, user: { select: { id: true, name: true } } },
    });
    if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
    return { userId: row.user.id, name: row.user.name };
  });
}
