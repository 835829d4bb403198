// npx tsx scripts/postgres-schema.ts: writes prisma/postgresql/schema.prisma from prisma/schema.prisma
// (same models, provider postgresql, client generated into lib/db/generated/prisma-pg). Run it after
// changing the models; `--check` exits 1 instead of writing when the committed file is out of step.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH, postgresSchemaFrom } from "@/lib/db/postgres-schema";

const wanted = postgresSchemaFrom(readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
let current = "";
try {
  current = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
} catch {
  // Not written yet.
}
if (process.argv.includes("--check")) {
  if (current !== wanted) {
    process.stderr.write(`${POSTGRES_SCHEMA_PATH} is out of step with ${SQLITE_SCHEMA_PATH}: run npx tsx scripts/postgres-schema.ts\n`);
    process.exit(1);
  }
} else if (current !== wanted) {
  mkdirSync(dirname(POSTGRES_SCHEMA_PATH), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA_PATH, wanted);
  process.stdout.write(`Wrote ${POSTGRES_SCHEMA_PATH}\n`);
}
