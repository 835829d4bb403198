import { openDb } from "./client";
import { guardDb } from "./errors";

/** Stores a new API token of a user by its hash (the token itself is never stored); returns its id. */
export async function createApiToken(userId: number, tokenHash: string): Promise<{ id: number }> {
  return guardDb(
    async () => {
      const db = await openDb();
      return db.apiToken.create({ data: { userId, tokenHash }, select: { id: true } });
    },
    { invalid: "The token could not be stored: its user does not exist." },
  );
}
