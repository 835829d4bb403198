/**
 * Database failures as callers should see them: a code to branch on and a message safe to show a
 * user. The raw driver or Prisma error (SQL, file paths, constraint names) stays in `cause` for
 * server logs only.
 *
 * `invalid` is data refused on the way in (the caller can fix it); `corrupt` is a stored row that
 * cannot be read back (nobody's request can fix it: the row has to go). The message of a corrupt
 * row names the table, row and column and what to do (stored-json.ts builds it).
 */
export type DatabaseErrorCode =
  | "not_found"
  | "conflict"
  | "busy"
  | "invalid"
  | "corrupt"
  | "unavailable"
  | "unknown";

const SAFE_MESSAGES: Record<DatabaseErrorCode, string> = {
  not_found: "The record was not found.",
  conflict: "A record with the same name already exists.",
  busy: "The database is busy; try again in a moment.",
  invalid: "The data could not be stored because it is not valid.",
  corrupt: "Stored data could not be read because it is damaged.",
  unavailable: "The database could not be opened.",
  unknown: "The database could not complete the request.",
};

export class DatabaseError extends Error {
  readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string = SAFE_MESSAGES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
    this.code = code;
  }
}

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function classify(error: unknown): DatabaseErrorCode {
  const code = (error as CodedError | null)?.code;
  const raw = (error as CodedError | null)?.message;
  const message = typeof raw === "string" ? raw : "";
  if (typeof code === "string") {
    // Prisma's documented error codes (P2xxx = query, P1xxx = connection).
    if (code === "P2025" || code === "P2001" || code === "P2015") return "not_found";
    if (code === "P2002") return "conflict";
    if (code === "P2003" || code === "P2011" || code === "P2000" || code === "P2020") return "invalid";
    if (code === "P1008" || code === "P2024" || code === "P2034") return "busy";
    if (code.startsWith("P1")) return "unavailable";
    // better-sqlite3 (used directly for bulk writes and migrations).
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "conflict";
    if (code.startsWith("SQLITE_CONSTRAINT")) return "invalid";
    if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY")) return "unavailable";
  }
  // Driver adapter errors surface as messages when Prisma cannot map them to a code.
  if (/SQLITE_BUSY|database is locked|SocketTimeout/i.test(message)) return "busy";
  return "unknown";
}

/** Wraps anything thrown by the store; DatabaseErrors pass through unchanged. */
export function toDatabaseError(error: unknown, messages: Partial<Record<DatabaseErrorCode, string>> = {}): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = classify(error);
  return new DatabaseError(code, messages[code] ?? SAFE_MESSAGES[code], { cause: error });
}

/** Runs store work and rethrows failures as DatabaseError with the given per-code messages. */
export async function guardDb<T>(
  work: () => Promise<T>,
  messages: Partial<Record<DatabaseErrorCode, string>> = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDatabaseError(error, messages);
  }
}
