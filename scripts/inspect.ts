// npm run inspect -- <log> [--format F] [--year N] [--tz ZONE] [--json]: how Logscope reads a log
// (format, counts, first and last times, first records split into fields), without training.
import { inspectCommand } from "@/lib/cli/inspect-command";
import { runCli } from "@/lib/cli/run-cli";

runCli(() => inspectCommand(process.argv.slice(2)));
