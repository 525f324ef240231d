// The `salesos` command line. Server-side commands (serve, migrate, keys, secrets) work on the database
// directly; the others talk to a running server over its API.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { apiCommands } from './api-commands.ts';
import { serveCommand, migrateCommand } from './serve.ts';
import { keysCommand } from './keys.ts';
import { secretsCommand } from './secrets.ts';

type Env = Record<string, string | undefined>;

export function buildProgram(env: Env): Command {
  const program = new Command('salesos')
    .description('SalesOS Webhooks: signed, durable, retried webhook delivery')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  serveCommand(program, env);
  migrateCommand(program, env);
  keysCommand(program, env);
  secretsCommand(program, env);
  apiCommands(program, env);
  return program;
}

export async function runCli(argv: string[], env: Env): Promise<void> {
  const program = buildProgram(env);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`salesos: configuration error: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`salesos: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
