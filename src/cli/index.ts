// The `salesos` command line. Server-side commands (serve, migrate, keys, secrets) work on the database
// directly; the others talk to a running server over its API.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { apiCommands } from './api-commands.ts';
import { processIo, type CliIo } from './output.ts';
import { serveCommand, migrateCommand } from './serve.ts';
import { keysCommand } from './keys.ts';
import { secretsCommand } from './secrets.ts';

type Env = Record<string, string | undefined>;

export function buildProgram(env: Env, io: CliIo = processIo()): Command {
  const program = new Command('salesos')
    .description('SalesOS Webhooks: signed, durable, retried webhook delivery')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    // Set before the commands are added: they inherit it (help and usage errors go to io too).
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
  serveCommand(program, env);
  migrateCommand(program, env);
  keysCommand(program, env, io);
  secretsCommand(program, env, io);
  apiCommands(program, env, io);
  return program;
}

/**
 * Runs a command line (argv as process.argv: node, script, arguments) and answers its exit
 * code: 0 success (and --help, --version), 1 failure, 2 usage error. `serve` and the live
 * commands (listen, deliveries tail) keep running after it answers, until a signal.
 */
export async function runCli(argv: string[], env: Env, io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(env, io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ConfigError) {
      io.stderr.write(`salesos: configuration error: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`salesos: ${(e as Error).message}\n`);
    return 1;
  }
}
