// Child process of jobs.test.ts: one worker racing its siblings for the queue of DATABASE_URL. It
// prints "ready" once its connection is open (so start-up time is out of the race), then for each
// "go" line on stdin claims jobs until none is left and prints the ids it got as one JSON line.
// The end of stdin ends it.
import { createInterface } from "node:readline";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { closeDb } from "@/lib/db/client";

async function main() {
  // Opens and migrates the database and prepares the claim statement, claiming nothing.
  await claimNextJob({ kinds: ["warm-up"] });
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== "go") throw new Error(`unexpected command ${line}`);
    const ids: number[] = [];
    for (let job = await claimNextJob(); job; job = await claimNextJob()) ids.push(job.id);
    process.stdout.write(`${JSON.stringify(ids)}\n`);
  }
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
