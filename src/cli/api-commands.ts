// API client commands of `salesos` (webhooks, events, deliveries, listen): they talk to a running
// server over its HTTP API, with settings from flags, SALESOS_API_URL / SALESOS_API_KEY or the
// profile file (src/cli/client.ts). Added to the program by src/cli/index.ts.
import type { Command } from 'commander';
import type { Env } from './client.ts';
import { deliveriesCommands } from './deliveries.ts';
import { eventsCommands } from './events.ts';
import { listenCommand } from './listen.ts';
import { webhooksCommands } from './webhooks.ts';

export function apiCommands(program: Command, env: Env): void {
  webhooksCommands(program, env);
  eventsCommands(program, env);
  deliveriesCommands(program, env);
  listenCommand(program, env);
}
