import type { Principal } from "./account-types";
import { openDb } from "./client";
import { guardDb } from "./errors";

/** lastUsedAt is written at most once a minute per token, so API calls do not each take the write lock. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The user of an unrevoked API token with this hash, or null; notes when it was used. */
export async function checkApiToken(tokenHash: string, now = new Date()): Promise<Principal | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.apiToken.findUnique({
      where: { tokenHash },
      select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true } } },
    });
    if (!row || row.revokedAt !== null) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Bookkeeping only: a busy database must not refuse a valid token.
      await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
    }
    return { userId: row.user.id, name: row.user.name };
  });
}
