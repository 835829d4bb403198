// Next.js calls register() once when a server process starts. The Node.js server validates the
// environment (lib/config/env.ts) and starts the job runner here; the edge runtime has no child
// processes (and the `if` lets the bundler drop the imports from the edge build).
// LOGSCOPE_JOB_RUNNER=off leaves the queue to another process sharing the database. With
// LOGSCOPE_QUEUE_URL the runner is off whatever that variable says: `npm run worker` processes run
// the jobs, and a runner here would fail their running jobs at start (it takes every running job
// for one its previous life left behind) and claim queued jobs behind the queue's back.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { config, isConfigError } = await import("./lib/config/env");
    let jobRunner: boolean;
    try {
      const settings = config();
      jobRunner = settings.jobRunner && settings.queueUrl === undefined;
    } catch (error) {
      if (!isConfigError(error)) throw error;
      // Fail fast, in the one sentence: a server with a bad variable would misbehave later instead.
      console.error(`Logscope cannot start: ${error.message}`);
      process.exit(2);
    }
    const { startJobRunner } = await import("./lib/jobs/runner/job-runner");
    if (jobRunner) startJobRunner();
    // Live syslog and file streams (issue #17) start again from their checkpoints; not awaited, so the server answers meanwhile.
    void (await import("./lib/live/stream-sources")).resumeLiveSources().catch((error: unknown) => console.error("Logscope: live streams were not resumed:", error));
  }
}
