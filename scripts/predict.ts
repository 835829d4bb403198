// npm run predict -- <log> --model models/<run-id>: score a log with saved models, no retraining.
import { predictCommand } from "@/lib/cli/predict-command";
import { runCli } from "@/lib/cli/run-cli";

runCli(() => predictCommand(process.argv.slice(2)));
