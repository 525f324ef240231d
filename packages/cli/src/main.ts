// The `salesos` command of @salesos/cli: the API client commands (webhooks, events, deliveries,
// listen) of the server's command, without the server. scripts/build.mjs bundles this file, the
// commands in the server's src/cli and what they import (commander, the event catalog) into one
// file with no dependencies. serve, migrate and keys work on the database: they come with the
// server.
import { Command, CommanderError } from 'commander';
import { apiCommands } from '../../../src/cli/api-commands.ts';

declare const VERSION: string;

const program = new Command('salesos')
  .description('SalesOS Webhooks from the command line: webhooks, events, deliveries, and listen --forward-to for local development')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();
apiCommands(program, process.env);
program.addHelpText('after', '\nserve, migrate and keys (the server and its database) come with the server: npm start in its checkout.');

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // --help and --version exit 0; usage errors exit 2; failures 1 (as the server's salesos).
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`salesos: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
