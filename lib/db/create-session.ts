import { openDb } from "./client";
import { guardDb } from "./errors";

/**
 * Stores a browser session by the hash of its cookie token. Expired sessions of the same user are
 * deleted on the way, so the table does not grow with every sign-in.
 */
export async function createSession(userId: number, tokenHash: string, expiresAt: Date, now = new Date()): Promise<{ id: number }> {
  return guardDb(async () => {
    const db = await openDb();
    const [, created] = await db.$transaction([
      db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
      db.session.create({ data: { userId, tokenHash, expiresAt }, select: { id: true } }),
    ]);
    return created;
  });
}
