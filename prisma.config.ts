import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { isPostgresUrl } from "./lib/config/env";
import { databaseFilePath, resolveDatabaseUrl } from "./lib/db/database-location";

// The CLI for the SQLite store runs fully offline: the JS schema engine talks to SQLite through
// better-sqlite3, so no native engine is downloaded. `prisma migrate dev` is not supported in this
// mode (see lib/db/README.md for how migrations are written). The PostgreSQL store has its own
// config, prisma/postgresql/prisma.config.ts (`--config` it).
const databaseUrl = resolveDatabaseUrl();
// `prisma generate` checks the schema's datasource URL against its provider without connecting: with
// a PostgreSQL DATABASE_URL in the environment it still generates the SQLite client.
process.env.DATABASE_URL = isPostgresUrl(databaseUrl) ? "file:./data/logscope.db" : databaseUrl;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    if (isPostgresUrl(databaseUrl)) {
      throw new Error("DATABASE_URL names a PostgreSQL database: run the Prisma CLI with --config prisma/postgresql/prisma.config.ts");
    }
    const url = databaseUrl;
    const file = databaseFilePath(url);
    // better-sqlite3 creates the file but not its folder (a fresh clone has no data/).
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
