import { connectPooled } from "../postgres-pool";
import { runPostgresStep } from "./postgres-driver";
import type { SqlStep } from "./sql-step";

/**
 * One raw-SQL transaction on PostgreSQL, the counterpart of raw-connection.ts's SQLite ones.
 *
 * Writes take one transaction-scoped advisory lock first, so raw write steps run one at a time,
 * as they do under SQLite's BEGIN IMMEDIATE: steps that read and then write (a window mark reads
 * the run's truth and writes it back, a relabel reads labels and writes them) were written for
 * that guarantee, and READ COMMITTED alone would let two of them interleave. The lock is released
 * by COMMIT or ROLLBACK, also when the connection drops.
 *
 * Reads run in one REPEATABLE READ READ ONLY transaction: the count and the rows of a bulk read
 * come from one snapshot, as they do from a SQLite read transaction.
 */

/** The advisory lock key of raw writes ("logs" in ASCII); any constant works if nothing else uses it. */
const WRITE_LOCK_KEY = 0x6c6f6773;

/**
 * How long a raw write waits for the lock: longer than the largest bulk write (100k windows take
 * about 1.4 s) many times over, short enough that a stuck holder ends as a `busy` error (55P03)
 * rather than every raw write in every process waiting for ever.
 */
const LOCK_TIMEOUT = "30s";

export async function postgresTransaction<T>(url: string, kind: "read" | "write", step: SqlStep<T>): Promise<T> {
  const client = await connectPooled(url);
  let broken: Error | undefined;
  try {
    if (kind === "write") {
      await client.query("BEGIN");
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      await client.query("SET LOCAL lock_timeout = 0");
    } else {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    const result = await runPostgresStep(client, step);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      // A connection that cannot roll back is not handed to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
