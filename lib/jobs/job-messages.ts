/** Sentences stored on failed jobs and runs (shown to the analyst). */
export const TRAINING_FAILED = "Training failed unexpectedly; see the server log.";
export const RESTART_MESSAGE = "The server restarted while this run was in progress; start it again.";

/** The pipeline speaks to the command line; on the web the file came in a form field. */
export function webLabelsMessage(message: string): string {
  return message.replace(/--labels/g, "the labels file");
}
