// npm run watch -- <file|-> --model models/<run-id>: score each window of a live log as it closes.
import { watchCommand } from "@/lib/cli/watch-command";
import { runCli } from "@/lib/cli/run-cli";

runCli(() => watchCommand(process.argv.slice(2)));
