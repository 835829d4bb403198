// Child process of mark-window-truth.test.ts: marks windows FROM .. FROM + COUNT - 1 of run RUN_ID
// anomalous, one mark at a time, starting at START_AT (ms since the epoch) so that it races its
// siblings and the parent rather than running before or after them. Prints "done".
import { closeDb } from "@/lib/db/client";
import { markWindowTruth } from "@/lib/db/mark-window-truth";

async function main() {
  const [runId, from, count, startAt] = ["RUN_ID", "FROM", "COUNT", "START_AT"].map((name) => Number(process.env[name]));
  await new Promise((r) => setTimeout(r, Math.max(0, (startAt ?? 0) - Date.now())));
  for (let i = 0; i < (count ?? 0); i++) await markWindowTruth({ runId: runId ?? 0, index: (from ?? 0) + i, anomalous: true });
  await closeDb();
  process.stdout.write("done\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
