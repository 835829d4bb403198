import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// The Prisma CLI for the PostgreSQL store, offline like the SQLite one (prisma.config.ts): the JS
// schema engine reaches the server through @prisma/adapter-pg. Paths here are relative to this file.
//   npx prisma generate --config prisma/postgresql/prisma.config.ts       (npm run db:generate does it)
//   DATABASE_URL=postgresql://... npx prisma migrate deploy --config prisma/postgresql/prisma.config.ts
// Logscope itself migrates at start (lib/db/postgres-migrate.ts) and records migrations as the CLI does.

// generate validates the datasource URL against the provider although it never connects.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost/logscope";

/** PostgreSQL's catalog types `"char"` and `name`, both text on the wire. */
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

/**
 * adapter-pg's shadow database (`migrate diff --from-migrations`) sets `database` next to our
 * connectionString, whose own database name pg lets win: the shadow would be the real database.
 */
function shadowAware(config?: string | pg.ClientConfig): string | pg.ClientConfig | undefined {
  if (typeof config !== "object" || !config.connectionString || !config.database) return config;
  const url = new URL(config.connectionString);
  url.pathname = `/${encodeURIComponent(config.database)}`;
  return { ...config, connectionString: url.toString() };
}

/**
 * Two adapter-pg 6.19 problems of the CLI (the app's own client never meets them): prisma/orm#27403,
 * the schema engine's catalog queries return columns of PostgreSQL's `name` type, which the adapter
 * refuses ("Column type 'name' could not be deserialized"), so every migrate command fails; `name` is
 * text on the wire, so this client reports it as text. And the shadow database above.
 */
class NameAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(shadowAware(config));
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    const asText = (result: pg.QueryResult) => {
      for (const field of result.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      return result;
    };
    Object.assign(this, {
      // Promise form (a client of its own) or callback form (pg.Pool.query hands the callback down).
      query: (...args: unknown[]) => {
        // The shadow database is dropped while its own pool still holds a connection to it.
        if (typeof args[0] === "string") args[0] = args[0].replace(/^(DROP DATABASE "prisma_migrate_shadow_db_[0-9a-f-]+")$/, "$1 WITH (FORCE)");
        const last = args[args.length - 1];
        if (typeof last === "function") {
          const done = last as (error: Error | null, result?: pg.QueryResult) => void;
          args[args.length - 1] = (error: Error | null, result?: pg.QueryResult) => done(error, result && asText(result));
        }
        const result = query(...args);
        return result instanceof Promise ? result.then(asText) : result;
      },
    });
  }

  // The forced drop ends the shadow pool's idle connection, and that pool has no error listener
  // (an idle connection's error; a query's own errors reach its caller, not this event).
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "error" && this.database?.startsWith("prisma_migrate_shadow_db_")) return false;
    return super.emit(event, ...args);
  }
}

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, application_name: "logscope-prisma-cli", Client: NameAsTextClient });
  },
});
