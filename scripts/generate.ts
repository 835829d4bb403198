// npm run generate -- --lines N --out FILE [options]: a seeded synthetic multi-host syslog and a
// labels CSV of its anomalous 60 s windows.
import { generateCommand } from "@/lib/cli/generate-command";
import { runCli } from "@/lib/cli/run-cli";

// The generator has always answered as "generate: ...", which scripts may match on.
runCli(() => generateCommand(process.argv.slice(2)), {
  refused: (message) => `generate: ${message}`,
  failed: (message) => `generate: failed: ${message.split("\n")[0]}`,
});
