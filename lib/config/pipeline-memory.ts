/**
 * Memory settings for the processes that run the pipeline on whole logs: the job workers
 * (workerEnv, in lib/jobs/job-config.ts) and the CLI's pipeline commands (scripts/pipeline-node.sh,
 * which package.json's detect, predict, watch and templates scripts go through). The server, whose
 * live streams window lines in its own process, starts as the operator starts it. A value the
 * operator set is kept.
 *
 * glibc's malloc (other C libraries, macOS's or musl, ignore both variables). Measured on the
 * 10M-line bench log (2026-12-07, 2-core machine): with malloc's default settings, a parse thread's
 * arena stayed resident at about 70 MiB after the thread had ended, and the main heap held two to
 * three times the live array buffers (/proc/self/smaps against process.memoryUsage()). With at
 * most two arenas and every block of 256 KiB or more mapped on its own (unmapped when freed),
 * `--profile seed` peaked at 332-333 MiB against 373-380 MiB (two alternated pairs) in the same
 * time, 18.3 s; the default profile at 610 MiB against 654 MiB, 1 s slower in 64 s. Before the
 * epochs reused their tables (lib/logs/epoch-pool.ts) the same settings cost 2 s of system time,
 * an mmap per table grown; a threshold of 512 KiB kept 357-362 MiB.
 */
export const PIPELINE_MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "262144" } as const;

/**
 * V8's young generation, at most two semi-spaces of 2 MiB in every thread (node's default lets
 * each grow to 16 MiB). The parse and the autoencoder's training make short-lived objects fast, so
 * every thread's young generation grew to its largest and stayed there. Measured on the 10M-line
 * bench log (2026-12-07, 2-core machine, load about 2), two alternated pairs each:
 * `--profile seed` peaked at 185-188 MiB against 231-235 MiB, in 17.6-17.7 s against 16.8-17.1 s;
 * 1 MiB gave 182-185 MiB, 4 MiB 196-199 MiB, and this machine's noise hid any difference in time.
 * The default profile peaked at 311-319 MiB against 358-361 MiB (two pairs); at 1M lines, three
 * pairs, 159-160 MiB against 217-219 MiB, in 7.6-8.3 s against 7.8-8.6 s. Earlier, when memory the
 * allocator kept dominated the peak, 4 MiB had changed nothing (650 MiB against 654).
 *
 * What it costs: the default profile's parse at 10M lines, where the main thread's short-lived
 * objects are promoted sooner and the old generation is collected more often. With the heap's
 * growth at 20% throughout, four alternated pairs: parse 41.5-46.2 s against 34.8-43.4 s, whole run
 * 53.3-59.9 s against 46.6-58.3 s, about 5 s (12%) slower; 4 MiB cost as much (two more pairs,
 * 310-313 MiB). The parse now lets the heap grow by 50% (PARSE_HEAP_GROWING_PERCENT,
 * pipeline-heap.ts), which won back about 3 s of it in three alternated pairs.
 * Memory is what issue #14 bounds (at most 350 MiB at any length); without this flag the default
 * profile's 10M-line peak was 343-348 MiB (four runs), at that bound. An operator who prefers the
 * time sets NODE_OPTIONS=--max-semi-space-size=16 (node's own), which is kept as set.
 * It is a startup flag of the isolate, so it goes in NODE_OPTIONS, which worker threads inherit.
 */
/** V8's option for the semi-spaces' largest size in MiB (two of them make a young generation). */
export const SEMI_SPACE_FLAG = "--max-semi-space-size";
export const PIPELINE_V8_FLAG = `${SEMI_SPACE_FLAG}=2`;

/**
 * The template-mining thread's semi-spaces (MiB), above PIPELINE_V8_FLAG's: mining makes short-lived
 * tokens and strings for every new message, and about half of the 12% that small young generations
 * cost the default profile's parse (above) was that thread's. It ends with the parse, before training,
 * where the default profile peaks. Measured 2026-12-07 (load 1.4-2.5), three alternated pairs at 10M
 * lines: parse 35.8-36.6 s against 37.8-39.0 s, peak 296-300 MiB against 296-303 MiB; two pairs at
 * 5M lines: parse 18.7-18.9 s against 19.5-19.8 s, peak 238-239 MiB against 226 MiB. At 5M, 16 MiB
 * was no faster (17.9-19.9 s) and peaked at 253-256 MiB; 4 MiB gave 18.2-19.7 s and 232-233 MiB.
 */
export const MINING_SEMI_SPACE_MIB = 8;

/**
 * `env` with PIPELINE_MALLOC_ENV's variables where it sets none of its own, and PIPELINE_V8_FLAG
 * added to its NODE_OPTIONS unless they size the semi-space already.
 */
export function withPipelineMemory(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(PIPELINE_MALLOC_ENV)) if (!out[name]) out[name] = value;
  const options = out.NODE_OPTIONS?.trim() ?? "";
  if (!options.includes(SEMI_SPACE_FLAG)) out.NODE_OPTIONS = options === "" ? PIPELINE_V8_FLAG : `${options} ${PIPELINE_V8_FLAG}`;
  return out;
}
