import type { UserSummary } from "./account-types";
import { openDb } from "./client";
import { guardDb } from "./errors";

/** Every account in name order, with counts of its active and revoked API tokens. */
export async function listUsers(): Promise<UserSummary[]> {
  return guardDb(async () => {
    const db = await openDb();
    const users = await db.user.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, createdAt: true, tokens: { select: { revokedAt: true, lastUsedAt: true } } },
    });
    return users.map(({ tokens, ...user }) => {
      const used = tokens.map((t) => t.lastUsedAt?.getTime() ?? 0).filter((t) => t > 0);
      return {
        ...user,
        activeTokens: tokens.filter((t) => t.revokedAt === null).length,
        revokedTokens: tokens.filter((t) => t.revokedAt !== null).length,
        tokenLastUsedAt: used.length > 0 ? new Date(Math.max(...used)) : null,
      };
    });
  });
}
