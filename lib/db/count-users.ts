import { openDb } from "./client";
import { guardDb } from "./errors";
import { readUntilChange } from "./read-until-change";

/**
 * How many accounts exist: none means a loopback server stays open (lib/server/auth/auth-policy.ts).
 * Asked by every request without a credential, so the count is kept until the database changes.
 */
export async function countUsers(): Promise<number> {
  return guardDb(() =>
    readUntilChange("countUsers", async () => {
      const db = await openDb();
      return db.user.count();
    }),
  );
}
