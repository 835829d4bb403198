import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { isPostgresUrl } from "../config/env";
import { resolveDatabaseUrl } from "./database-location";
import { BUSY_TIMEOUT_MS, ensureDatabase } from "./ensure-database";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-pg/client";
import { closePostgresPools, connectionSettings, POOL_MAX } from "./postgres-pool";
import { forgetReads } from "./read-until-change";

/**
 * One Prisma client per process (cached on globalThis so Next.js hot reloads do not open a new
 * connection per edit, as in create-t3-app). The cache is keyed by URL: a test that points
 * DATABASE_URL elsewhere gets a fresh client. Only lib/db imports this.
 *
 * DATABASE_URL picks the store: a `file:` URL opens SQLite through better-sqlite3, a
 * `postgresql://` URL PostgreSQL through node-postgres (@prisma/adapter-pg), each with the client
 * generated from its own schema (prisma/schema.prisma, prisma/postgresql/schema.prisma).
 */

interface CachedClient {
  url: string;
  client: PrismaClient;
  ready: Promise<PrismaClient>;
}

const globalForDb = globalThis as typeof globalThis & { logscopePrisma?: CachedClient };

function createSqliteClient(url: string): CachedClient {
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  const ready = ensureDatabase({ url }).then(async () => {
    // Per-connection settings; the adapter keeps a single connection, so they hold for every query.
    // synchronous=NORMAL is durable in WAL mode up to the last checkpoint and much faster than FULL.
    await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    return client;
  });
  return { url, client, ready };
}

function createPostgresClient(url: string): CachedClient {
  const adapter = new PrismaPg({ ...connectionSettings(url), max: POOL_MAX });
  // The PostgreSQL client is generated from the same models (prisma/postgresql/schema.prisma is
  // derived from prisma/schema.prisma, and test/db/postgres-schema.test.ts fails when they differ),
  // so its API is the SQLite client's: lib/db is typed against that one, and this is the one cast.
  const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  const ready = ensureDatabase({ url }).then(() => client);
  return { url, client, ready };
}

/** The migrated, configured client for the current DATABASE_URL / DATA_DIR. */
export function openDb(): Promise<PrismaClient> {
  const url = resolveDatabaseUrl();
  let cached = globalForDb.logscopePrisma;
  if (!cached || cached.url !== url) {
    if (cached) void cached.client.$disconnect().catch(() => undefined);
    const fresh = isPostgresUrl(url) ? createPostgresClient(url) : createSqliteClient(url);
    // A failed start (unwritable DATA_DIR, unreachable server, broken migration) is retried by the next call.
    fresh.ready.catch(() => {
      if (globalForDb.logscopePrisma === fresh) globalForDb.logscopePrisma = undefined;
    });
    globalForDb.logscopePrisma = cached = fresh;
  }
  return cached.ready;
}

/** Closes the cached client and the raw PostgreSQL pools (scripts and tests, before deleting the database). */
export async function closeDb(): Promise<void> {
  const cached = globalForDb.logscopePrisma;
  globalForDb.logscopePrisma = undefined;
  forgetReads();
  await closePostgresPools();
  if (cached) await cached.client.$disconnect();
}

export type { PrismaClient };
