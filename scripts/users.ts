// npm run users -- add <name> | token <name> | revoke <name> | list: the accounts that may sign in.
import { runCli } from "@/lib/cli/run-cli";
import { usersCommand } from "@/lib/cli/users-command";

runCli(() => usersCommand(process.argv.slice(2)));
