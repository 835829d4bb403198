/**
 * Database failures as callers should see them: a code to branch on and a message safe to show a
 * user. The raw driver or Prisma error (SQL, file paths, constraint names, PostgreSQL's own text)
 * stays in `cause` for server logs only. Both stores map to the same codes: SQLite's and
 * PostgreSQL's (SQLSTATE) codes, raw or through Prisma's driver adapters.
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

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Prisma's own codes (P1000...) look like SQLSTATEs; PostgreSQL's P0 class is PL/pgSQL's. */
const PRISMA_CODE = /^P[1-9]\d{3}$/;

/**
 * The PostgreSQL SQLSTATE or Node socket code behind an error: on pg's own errors (raw SQL) it is
 * `code`; through Prisma's adapter it is the DriverAdapterError's `cause.originalCode` (or its
 * socket error's kind), carried on Prisma's error as `meta.driverAdapterError`.
 */
export function postgresErrorCode(error: unknown): string | undefined {
  const adapterError = field(field(error, "meta"), "driverAdapterError") ?? error;
  for (const candidate of [field(field(adapterError, "cause"), "originalCode"), field(error, "code")]) {
    if (typeof candidate !== "string" || PRISMA_CODE.test(candidate)) continue;
    if (SQLSTATE.test(candidate) || /^E[A-Z]+$/.test(candidate)) return candidate;
  }
  return undefined;
}

/** Why a PostgreSQL server could not be used at all; each has its own sentence. */
export type PostgresConnectionFailure = "unreachable" | "authentication" | "missing_database";

/** The connection failures among PostgreSQL errors (and Prisma's P1xxx codes for the same). */
export function postgresConnectionFailure(error: unknown): PostgresConnectionFailure | undefined {
  const code = postgresErrorCode(error);
  const prismaCode = field(error, "code");
  if (code === "28P01" || code === "28000" || prismaCode === "P1000") return "authentication";
  if (code === "3D000" || prismaCode === "P1003") return "missing_database";
  if (code === "57P01" || code === "57P03" || code?.startsWith("08")) return "unreachable";
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ETIMEDOUT" || code === "ECONNRESET" || code === "EHOSTUNREACH") return "unreachable";
  if (prismaCode === "P1001" || prismaCode === "P1002" || prismaCode === "P1017") return "unreachable";
  // pg's own connect timeout (connectionTimeoutMillis) carries no code. A pool's checkout timeout
  // ("timeout exceeded when trying to connect") is not here: with every client busy it is the same
  // text, and postgres-pool.ts reports a full pool as busy instead.
  const message = field(error, "message");
  if (typeof message === "string" && /connection timeout|Connection terminated unexpectedly/i.test(message)) return "unreachable";
  return undefined;
}

/** Sentences for connection failures where no location is at hand (ensureDatabase names the server). */
const CONNECTION_MESSAGES: Record<PostgresConnectionFailure, string> = {
  unreachable: "The database server cannot be reached; check DATABASE_URL and that the server is running.",
  authentication: "The database refused the user name or password in DATABASE_URL; fix them there (or the server's pg_hba.conf).",
  missing_database: "The database named in DATABASE_URL does not exist; create it (createdb) or fix the URL.",
};

function classifyPostgres(code: string): DatabaseErrorCode | undefined {
  if (code === "23505") return "conflict";
  if (code === "23503" || code === "23502" || code === "22P02" || code === "22001" || code === "22003" || code === "23514") return "invalid";
  if (code === "40001" || code === "40P01" || code === "55P03" || code === "57014") return "busy";
  return undefined;
}

function classify(error: unknown): { code: DatabaseErrorCode; message?: string } {
  const failure = postgresConnectionFailure(error);
  if (failure) return { code: "unavailable", message: CONNECTION_MESSAGES[failure] };
  const pgCode = postgresErrorCode(error);
  const fromPostgres = pgCode === undefined ? undefined : classifyPostgres(pgCode);
  if (fromPostgres) return { code: fromPostgres };
  return { code: classifyGeneric(error) };
}

function classifyGeneric(error: unknown): DatabaseErrorCode {
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
  const { code, message } = classify(error);
  // A connection failure's sentence says what to fix, which a caller's per-code message cannot know.
  return new DatabaseError(code, message ?? messages[code] ?? SAFE_MESSAGES[code], { cause: error });
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
