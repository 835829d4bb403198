/** Sentences of queue mode stored on failed jobs and runs (shown to the analyst) or printed by `npm run worker`. */
export const STOPPED_TWICE = "The worker running this job stopped (killed or lost) twice; start the run again.";
export const QUEUE_LOST = "The job queue no longer holds this job (Redis was emptied or lost its data); start the run again.";
export const QUEUE_FAILED = "The queue worker could not run this job; see the worker's log, then start the run again.";
/** The job's message while a second worker trains it again. */
export const TAKEN_OVER = "Training again: the worker running it before stopped";
/** The job's message once the queue noticed its worker was lost, until another takes it. */
export const LOST_WORKER = "Waiting for another worker: the one running it stopped";
/** The job's message once a stopping worker handed it back. */
export const HANDED_BACK = "Waiting for a worker (the one running it was stopped)";
export const NO_QUEUE_URL =
  "LOGSCOPE_QUEUE_URL is not set: a worker takes its jobs from the Redis queue the server puts them on, such as redis://127.0.0.1:6379.";
