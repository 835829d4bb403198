import "server-only";
import { DatabaseError } from "@/lib/db/errors";
import { isUserInputError } from "@/lib/domain/user-input-error";

/**
 * What the actions and the HTTP API may tell a user: an HTTP status and one sentence. Anything that
 * is not a ServiceError, UserInputError or DatabaseError is a bug and is reported generically
 * (its detail goes to the server log only).
 */
export class ServiceError extends Error {
  readonly status: number;
  /** Per-field messages (invalid parameters), keyed by field name. */
  readonly errors: Record<string, string>;

  constructor(status: number, message: string, errors: Record<string, string> = {}) {
    super(message);
    this.name = "ServiceError";
    this.status = status;
    this.errors = errors;
  }
}

export const GENERIC_FAILURE = "The server could not complete the request; see the server log.";

const DB_STATUS: Record<DatabaseError["code"], number> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  // A stored row that cannot be read: the server's fault, but its message (table, row, column and
  // what to do, built from ids only) is safe and the one thing that helps the user.
  corrupt: 500,
  busy: 503,
  unavailable: 503,
  unknown: 500,
};

export interface SafeError {
  status: number;
  message: string;
  errors: Record<string, string>;
}

/** Maps any error to a status and a message safe to show; logs the unexpected ones. */
export function toSafeError(error: unknown, context = "request"): SafeError {
  if (error instanceof ServiceError) return { status: error.status, message: error.message, errors: error.errors };
  if (isUserInputError(error)) {
    const status = (error as { status?: unknown }).status;
    return { status: typeof status === "number" ? status : 400, message: error.message, errors: {} };
  }
  if (error instanceof DatabaseError) {
    const status = DB_STATUS[error.code];
    if (status >= 500) console.error(`Logscope ${context} failed:`, error.cause ?? error);
    return { status, message: error.code === "unknown" ? GENERIC_FAILURE : error.message, errors: {} };
  }
  console.error(`Logscope ${context} failed:`, error);
  return { status: 500, message: GENERIC_FAILURE, errors: {} };
}

export const notFound = (what: string) => new ServiceError(404, what);
