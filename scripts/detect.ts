// npm run detect -- <log> [options]: train the three detectors on a log, write the docs/pipeline.md §6 CSV
// and save the models under models/<run-id>.
import { detectCommand } from "@/lib/cli/detect-command";
import { runCli } from "@/lib/cli/run-cli";

runCli(() => detectCommand(process.argv.slice(2)));
