// Child process of ensure-database.test.ts: migrates DATABASE_URL and prints what it applied.
import { ensureDatabase } from "@/lib/db/ensure-database";

ensureDatabase().then(
  (ready) => process.stdout.write(JSON.stringify(ready.applied)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
