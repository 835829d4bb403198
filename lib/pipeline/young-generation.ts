// A worker thread with semi-spaces of its own size, where the pipeline's V8 flag
// (PIPELINE_V8_FLAG, lib/config/pipeline-memory.ts) keeps every thread's young generation small.
import { setFlagsFromString } from "node:v8";
import type { Worker } from "node:worker_threads";
import { SEMI_SPACE_FLAG } from "@/lib/config/pipeline-memory";

// SEMI_SPACE_FLAG as V8 accepts it, with dashes or underscores, and its value after "=" or as the next argument.
const SEMI_SPACE_OPTION = /^--max[-_]semi[-_]space[-_]size(?:=(\d+))?$/;

/**
 * The SEMI_SPACE_FLAG size (MiB) that V8 options `args` set, the last one winning as in V8, or 0
 * when none does (V8 then sizes the semi-spaces itself, up to 16 MiB on 64-bit).
 */
export function semiSpaceFlagMiB(args: readonly string[]): number {
  let value = 0;
  for (let i = 0; i < args.length; i++) {
    const match = SEMI_SPACE_OPTION.exec(args[i] as string);
    if (!match) continue;
    const given = match[1] ?? args[i + 1];
    if (given !== undefined && /^\d+$/.test(given)) value = Number(given);
  }
  return value;
}

/** The semi-space size this process's V8 started with: NODE_OPTIONS, then the command line's. */
export function startupSemiSpaceMiB(): number {
  const options = (process.env.NODE_OPTIONS ?? "").split(/\s+/).filter((arg) => arg !== "");
  return semiSpaceFlagMiB([...options, ...process.execArgv]);
}

/**
 * `start()`'s worker with semi-spaces of `semiSpaceMiB` in a process started with smaller ones
 * (`startup`). V8 reads its flag when a thread's heap is made, on that thread, so the flag is
 * raised around the start and put back once the worker runs (or has ended): a thread started
 * elsewhere in that moment gets the larger size too, which costs memory, never results. With no
 * flag (V8's own sizing) or a larger one, nothing is changed.
 */
export function startWithSemiSpace(semiSpaceMiB: number, start: () => Worker, startup: number = startupSemiSpaceMiB()): Worker {
  if (startup === 0 || startup >= semiSpaceMiB) return start();
  const restore = () => setFlagsFromString(`${SEMI_SPACE_FLAG}=${startup}`);
  setFlagsFromString(`${SEMI_SPACE_FLAG}=${semiSpaceMiB}`);
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    restore();
    throw error;
  }
  worker.once("online", restore);
  worker.once("exit", restore);
  return worker;
}
