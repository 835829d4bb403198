import { openDb } from "./client";
import { guardDb } from "./errors";

/** How many accounts exist: none means a loopback server stays open (lib/server/auth/auth-policy.ts). */
export async function countUsers(): Promise<number> {
  return guardDb(async () => {
    const db = await openDb();
    return db.user.count();
  });
}
