// API client commands of `salesos` (webhooks, events, deliveries, listen): they talk to a running
// server over its HTTP API, with settings from flags, SALESOS_API_URL / SALESOS_API_KEY or the
// profile file (src/cli/client.ts). Added to the program by src/cli/index.ts.
import type { Command } from 'commander';
import { DEFAULT_API_URL, type Env } from './client.ts';
import { deliveriesCommands } from './deliveries.ts';
import { eventsCommands } from './events.ts';
import { listenCommand } from './listen.ts';
import { processIo, type CliIo } from './output.ts';
import { tasksCommands } from './tasks.ts';
import { webhooksCommands } from './webhooks.ts';

export function apiCommands(program: Command, env: Env, io: CliIo = processIo()): void {
  webhooksCommands(program, env, io);
  eventsCommands(program, env, io);
  deliveriesCommands(program, env, io);
  listenCommand(program, env, io);
  tasksCommands(program, env, io);
  program.addHelpText(
    'after',
    `
The API commands (webhooks, events, deliveries, listen, tasks) reach the server at --api-url, else
SALESOS_API_URL, else "api_url" in ~/.config/salesos/config.json (or the file SALESOS_CONFIG
names), else ${DEFAULT_API_URL}; the key likewise (--api-key, SALESOS_API_KEY, "api_key").
Exit codes: 0 success, 1 failure, 2 usage error. Documentation: docs/cli.md`,
  );
}
