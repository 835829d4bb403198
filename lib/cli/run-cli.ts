import { isUserInputError } from "@/lib/pipeline/errors";

/**
 * Runs a CLI entry point: an analyst's mistake prints one sentence and exits 2; anything else is a
 * bug, reported in one line (the stack only with LOGSCOPE_DEBUG=1) and exits 1.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (isUserInputError(error)) {
        process.stderr.write(`Error: ${error.message}\n`);
        process.exit(2);
      }
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Unexpected error: ${message}. Run again with LOGSCOPE_DEBUG=1 for details.\n`);
      if (process.env.LOGSCOPE_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
