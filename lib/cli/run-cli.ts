import { config, isConfigError } from "@/lib/config/env";
import { DatabaseError } from "@/lib/db/errors";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { isWriteFailure } from "@/lib/pipeline/write-failure";

/** How a command words its two kinds of failure, each one line on stderr. */
export interface CliVoice {
  /** An analyst's mistake, or a place the analyst must fix (a full disk), exit 2. */
  refused: (message: string) => string;
  /** Anything else, a bug (exit 1). */
  failed: (message: string) => string;
}

const DEFAULT_VOICE: CliVoice = {
  refused: (message) => `Error: ${message}`,
  failed: (message) => `Unexpected error: ${message}. Run again with LOGSCOPE_DEBUG=1 for details.`,
};

/**
 * Runs a CLI entry point: an analyst's mistake, a bad environment variable, a write the file
 * system refused (full disk, read-only folder) or a store that cannot be reached or is of another
 * schema version (DATABASE_URL, a PostgreSQL server down) prints one sentence and exits 2; anything
 * else is a bug, reported in one line (the stack only with LOGSCOPE_DEBUG=1) and exits 1.
 */
export function runCli(main: () => Promise<void>, voice: CliVoice = DEFAULT_VOICE): void {
  // A closed stdout (`| head`) must not turn the rest of the output into a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  // A bad environment variable is bad input too: checked before the command starts, reported like one.
  const run = async () => {
    config();
    await main();
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      const storeRefused = error instanceof DatabaseError && error.code === "unavailable";
      if (isUserInputError(error) || isConfigError(error) || isWriteFailure(error) || storeRefused) {
        process.stderr.write(`${voice.refused(error.message)}\n`);
        process.exit(2);
      }
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${voice.failed(message)}\n`);
      // config() was valid before main() ran (a ConfigError exits above), so reading it cannot throw here.
      if (config().debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
