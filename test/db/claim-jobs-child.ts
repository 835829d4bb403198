// Child process of jobs.test.ts: claims jobs from DATABASE_URL until none is left, printing the ids.
import { claimNextJob } from "@/lib/db/claim-next-job";
import { closeDb } from "@/lib/db/client";

async function main() {
  // Start together with the sibling processes (tsx start-up times differ), so they really race.
  const startAt = Number(process.env.CLAIM_START_AT ?? 0);
  await new Promise((done) => setTimeout(done, Math.max(startAt - Date.now(), 0)));
  await claimNextJob({ kinds: ["warm-up"] });
  const ids: number[] = [];
  for (let job = await claimNextJob(); job; job = await claimNextJob()) ids.push(job.id);
  await closeDb();
  process.stdout.write(JSON.stringify(ids));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
