import { Pool, type PoolClient, type PoolConfig } from "pg";
import { DatabaseError } from "./errors";

/**
 * Connections to a PostgreSQL store. Prisma's client has its own pool inside @prisma/adapter-pg
 * (client.ts); the pools here are for lib/db's raw SQL (bulk window writes, score reads, claims)
 * and are cached per URL like the Prisma client, so a test that points DATABASE_URL elsewhere gets
 * fresh ones. Only lib/db imports this. How values are read (int8 as numbers, timestamps as UTC) is
 * the raw SQL driver's, per query (sql/postgres-driver.ts), so the pool keeps pg's defaults.
 */

/** Per process and URL: a web server plus three workers stay far below PostgreSQL's default 100 connections. */
export const POOL_MAX = 5;
/** An unreachable host (a dropped packet, not a refusal) fails after this instead of hanging forever. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Settings shared by every connection Logscope opens: its name in pg_stat_activity, and UTC as the
 * session time zone. Prisma's PostgreSQL schema stores DateTime as `timestamp(3)` without time zone,
 * holding UTC; with UTC sessions a column default (`CURRENT_TIMESTAMP`) and `now()` in raw SQL write
 * UTC as well, whatever the server's own time zone is.
 */
export function connectionSettings(url: string): PoolConfig {
  return {
    connectionString: url,
    application_name: "logscope",
    options: "-c TimeZone=UTC",
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  };
}

const globalForPools = globalThis as typeof globalThis & { logscopePgPools?: Map<string, Pool> };

/** The raw-SQL pool for a PostgreSQL URL, created on first use. */
export function postgresPool(url: string): Pool {
  globalForPools.logscopePgPools ??= new Map();
  const pools = globalForPools.logscopePgPools;
  let pool = pools.get(url);
  if (!pool) {
    pool = new Pool({ ...connectionSettings(url), max: POOL_MAX });
    // An idle connection the server drops (restart, admin kill) is replaced on next use; without
    // a listener its error would end the process.
    pool.on("error", () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/** Closes every raw pool (closeDb: scripts and tests, before dropping a database). */
export async function closePostgresPools(): Promise<void> {
  const pools = globalForPools.logscopePgPools;
  if (!pools) return;
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end().catch(() => undefined)));
}

/**
 * A client of the raw pool. When every client stayed busy past the checkout timeout, pg-pool says
 * "timeout exceeded when trying to connect", the words of an unreachable server; here that is a
 * `busy` error instead (the server answers, this process is just waiting on its own writes).
 */
export async function connectPooled(url: string): Promise<PoolClient> {
  const pool = postgresPool(url);
  try {
    return await pool.connect();
  } catch (error) {
    if (pool.totalCount >= POOL_MAX && pool.idleCount === 0) {
      throw new DatabaseError("busy", "The database is busy with other writes; try again in a moment.", { cause: error });
    }
    throw error;
  }
}
