import type { UserRecord } from "./account-types";
import { USER_NAME_PATTERN } from "./account-types";
import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { quoteInput } from "@/lib/domain/quote-input";

/** Adds an account; the caller hashes the password (lib/server/auth/password-hash.ts). */
export async function createUser(name: string, passwordHash: string): Promise<UserRecord> {
  if (!USER_NAME_PATTERN.test(name)) {
    throw new DatabaseError("invalid", "A user name must have 1 to 64 letters, digits, dots, dashes, underscores or @.");
  }
  return guardDb(
    async () => {
      const db = await openDb();
      const row = await db.user.create({ data: { name, passwordHash }, select: { id: true, name: true, createdAt: true } });
      return row;
    },
    { conflict: `There is already a user named ${quoteInput(name)}.` },
  );
}
