// API client commands of `salesos` (webhooks, events, deliveries, listen). Owned by the CLI
// work (issue 7); added to the program by src/cli/index.ts.
import type { Command } from 'commander';

export function apiCommands(_program: Command, _env: Record<string, string | undefined>): void {}
