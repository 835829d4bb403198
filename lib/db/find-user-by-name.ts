import type { UserWithPassword } from "./account-types";
import { openDb } from "./client";
import { guardDb } from "./errors";

/** The account with this name and its password hash, or null. */
export async function findUserByName(name: string): Promise<UserWithPassword | null> {
  return guardDb(async () => {
    const db = await openDb();
    return db.user.findUnique({ where: { name }, select: { id: true, name: true, createdAt: true, passwordHash: true } });
  });
}
