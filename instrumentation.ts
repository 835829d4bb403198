// Next.js calls register() once when a server process starts. The Node.js server starts the job
// runner here; the edge runtime has no child processes (and the `if` lets the bundler drop the
// import from the edge build). LOGSCOPE_JOB_RUNNER=off leaves the queue to another process
// sharing the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startJobRunner } = await import("./lib/jobs/runner/job-runner");
    if (!/^(0|off|false|no)$/i.test(process.env.LOGSCOPE_JOB_RUNNER ?? "")) startJobRunner();
  }
}
