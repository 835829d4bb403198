import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseFilePath, resolveDatabaseUrl } from "./lib/db/database-location";

// The CLI runs fully offline: the JS schema engine talks to SQLite through better-sqlite3, so no
// native engine is downloaded. `prisma migrate dev` is not supported in this mode (see
// lib/db/README.md for how migrations are written).
process.env.DATABASE_URL = resolveDatabaseUrl();

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = resolveDatabaseUrl();
    const file = databaseFilePath(url);
    // better-sqlite3 creates the file but not its folder (a fresh clone has no data/).
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
