// npm run templates -- <log> --out FILE [--raw]: mine Drain-style log templates and write
// `line,template_id,template` for every line of the log.
import { runCli } from "@/lib/cli/run-cli";
import { templatesCommand } from "@/lib/cli/templates-command";

runCli(() => templatesCommand(process.argv.slice(2)));
