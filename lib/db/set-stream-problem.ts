import { openDb } from "./client";
import { guardDb } from "./errors";

/** Records (or clears, with null) the stream's last problem: a sentence the live page shows. */
export async function setStreamProblem(id: number, problem: string | null): Promise<void> {
  await guardDb(async () => {
    await (await openDb()).stream.updateMany({ where: { id }, data: { lastProblem: problem } });
  });
}
