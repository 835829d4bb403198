/**
 * glibc malloc settings for the processes that run the pipeline on whole logs: the job workers
 * (workerEnv, in lib/jobs/job-config.ts) and the CLI's pipeline commands (scripts/pipeline-node.sh,
 * which package.json's detect, predict, watch and templates scripts go through). The server, whose
 * live streams window lines in its own process, starts as the operator starts it. A value the
 * operator set is kept. Other C libraries (macOS, musl) ignore both.
 *
 * Measured on the 10M-line bench log (2026-12-07, 2-core machine): with malloc's default settings,
 * a parse thread's arena stayed resident at about 70 MiB after the thread had ended, and the main
 * heap held two to three times the live array buffers (/proc/self/smaps against
 * process.memoryUsage()). With at most two arenas and every block of 256 KiB or more mapped on its
 * own (unmapped when freed), `--profile seed` peaked at 332-333 MiB against 373-380 MiB (two
 * alternated pairs) in the same time, 18.3 s; the default profile at 610 MiB against 654 MiB, 1 s
 * slower in 64 s. Before the epochs reused their tables (lib/logs/epoch-pool.ts) the same settings
 * cost 2 s of system time, an mmap per table grown; a threshold of 512 KiB kept 357-362 MiB.
 */
export const PIPELINE_MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "262144" } as const;

/** `env` with PIPELINE_MALLOC_ENV's settings where it sets none of its own. */
export function withPipelineMalloc(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(PIPELINE_MALLOC_ENV)) if (!out[name]) out[name] = value;
  return out;
}
