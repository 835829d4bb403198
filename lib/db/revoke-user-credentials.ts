import { openDb } from "./client";
import { guardDb } from "./errors";

/**
 * Revokes every active API token of a user and ends their browser sessions, in one transaction:
 * whoever revokes a user's access wants all of it gone, not only the tokens. Revoked tokens stay
 * (with revokedAt) so `users list` can still count them.
 */
export async function revokeUserCredentials(userId: number, now = new Date()): Promise<{ tokens: number; sessions: number }> {
  return guardDb(async () => {
    const db = await openDb();
    const [tokens, sessions] = await db.$transaction([
      db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
      db.session.deleteMany({ where: { userId } }),
    ]);
    return { tokens: tokens.count, sessions: sessions.count };
  });
}
