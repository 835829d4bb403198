import { Client } from "pg";
import { networkFailureReason } from "@/lib/ops/network-failure";
import { databaseLocation, postgresServer } from "./database-location";
import { DatabaseError, postgresConnectionFailure, postgresErrorCode } from "./errors";
import { connectionSettings } from "./postgres-pool";

/**
 * One-off PostgreSQL connections (migrating, checking the schema version) and the sentences a
 * failed connection stops Logscope with. They name the server and what to fix, never the password
 * and never PostgreSQL's own text (which may quote the user name or the pg_hba.conf line).
 */

// PostgreSQL's own reasons; network ones are lib/ops/network-failure.ts's.
const SERVER_REASONS: Record<string, string> = {
  "57P01": "the server is shutting down",
  "57P03": "the server is starting up or shutting down",
};

function unreachableReason(error: unknown): string {
  const network = networkFailureReason(error);
  if (network !== undefined) return network;
  const code = postgresErrorCode(error);
  if (code !== undefined && SERVER_REASONS[code]) return SERVER_REASONS[code];
  if (code?.startsWith("08")) return "connection failure";
  return "no answer";
}

/** The one sentence for a PostgreSQL store that cannot be used at all; undefined for other errors. */
export function postgresConnectionRefusal(error: unknown, url: string): DatabaseError | undefined {
  const failure = postgresConnectionFailure(error);
  if (failure === undefined) return undefined;
  const { server, database } = postgresServer(url);
  const sentence =
    failure === "unreachable"
      ? `Cannot reach the PostgreSQL database at ${server} (${unreachableReason(error)}); check DATABASE_URL and that the server is running.`
      : failure === "authentication"
        ? `The PostgreSQL server at ${server} refused the user name or password of DATABASE_URL for database ${database}; fix them in DATABASE_URL (or allow them in the server's pg_hba.conf).`
        : `The PostgreSQL server at ${server} has no database ${database}; create it (createdb ${database}) or fix the database name in DATABASE_URL.`;
  return new DatabaseError("unavailable", sentence, { cause: error });
}

/** A connected client of its own (not from a pool), or a DatabaseError with one sentence. */
export async function connectPostgres(url: string): Promise<Client> {
  const client = new Client(connectionSettings(url));
  // Errors of an idle connection (the server going away between queries) reach the next query.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw postgresConnectionRefusal(error, url) ?? new DatabaseError("unavailable", `Cannot open the PostgreSQL database at ${databaseLocation(url)}.`, { cause: error });
  }
}
