// `salesos tasks get <id>`, and how `webhooks recover` / `webhooks replay` start a background task
// and follow it to its end (done/total), exiting 1 when it failed.
import type { Command } from 'commander';
import type { Static } from '@sinclair/typebox';
import type { BackgroundTask } from '../contract/tasks.ts';
import { ApiClient, CliError, withConnection, type ConnectionOptions, type Env } from './client.ts';
import { makeOut, processIo, table, when, type CliIo, type Out } from './output.ts';

export type TaskView = Static<typeof BackgroundTask>;

interface Json extends ConnectionOptions {
  json?: boolean;
}

export function printTask(out: Out, t: TaskView): void {
  for (const l of table([
    ['id', t.id],
    ['kind', t.kind],
    ['status', t.status],
    ['webhook', t.webhook_id],
    ['window', `${when(t.since)} to ${when(t.until)}`],
    ...(t.kind === 'replay' ? [['only missing', t.only_missing ? 'yes' : 'no']] : []),
    ['progress', progress(t)],
    [t.kind === 'replay' ? 'deliveries created' : 'deliveries re-queued', String(t.queued)],
    ...(t.error_message ? [['error', t.error_message]] : []),
    ['created', when(t.created_at)],
    ['finished', t.finished_at ? when(t.finished_at) : '-'],
  ]))
    out.line(l);
}

const progress = (t: TaskView) => `${t.done}/${t.total ?? '?'}`;

/**
 * Polls a task until it ends, printing its progress when it changes; answers it as it ended.
 * Throws a CliError (exit 1) when it failed.
 */
export async function followTask(client: ApiClient, out: Out, first: TaskView, opts: { json?: boolean; intervalMs?: number }): Promise<TaskView> {
  let t = first;
  let shown = '';
  for (;;) {
    const line = `${t.status} ${progress(t)}`;
    if (!opts.json && line !== shown) out.line(`${t.id}: ${line}`);
    shown = line;
    if (t.status === 'succeeded' || t.status === 'failed') break;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    t = await client.request<TaskView>('GET', `/v1/tasks/${encodeURIComponent(t.id)}`);
  }
  if (opts.json) out.json(t);
  if (t.status === 'failed') throw new CliError(`Task ${t.id} failed: ${t.error_message ?? 'no reason given'}`);
  return t;
}

export function tasksCommands(program: Command, env: Env, io: CliIo = processIo()): void {
  const out = makeOut(env, io);
  const tasks = program.command('tasks').description('Background tasks (recover, replay) and CRM tasks');
  withConnection(tasks.command('get <id>').description('Show a background task (its status and done/total) or a CRM task'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const t = await ApiClient.from(opts, env).request<TaskView | { object: 'task'; id: string; title: string; status: string }>(
        'GET',
        `/v1/tasks/${encodeURIComponent(id)}`,
      );
      if (opts.json) return out.json(t);
      if (t.object === 'background_task') return printTask(out, t);
      for (const l of table([
        ['id', t.id],
        ['CRM task', t.title],
        ['status', t.status],
      ]))
        out.line(l);
    });
}
