// `salesos webhooks …`: manage webhooks over the API.
import { Option, type Command } from 'commander';
import {
  collectHeader,
  collectMetadata,
  orDefault,
  parseEventPatterns,
  parseHttpUrl,
  parseJsonObject,
  parseLimit,
  parsePositiveInt,
  parseSince,
} from './args.ts';
import { ApiClient, withConnection, type ConnectionOptions, type Env } from './client.ts';
import type { Webhook } from '../contract/webhooks.ts';
import { makeOut, processIo, table, when, type CliIo } from './output.ts';
import { statsCommand } from './stats.ts';
import { followTask, printTask, type TaskView } from './tasks.ts';

// The API's own response schema, so the CLI's view of a webhook cannot drift from the server's.
export type WebhookView = Webhook;

interface Json extends ConnectionOptions {
  json?: boolean;
}

/** The delivery-settings options of create and update (SPEC §11). */
interface SettingsOptions {
  retrySchedule?: string;
  timeout?: string;
  maxInFlight?: number | 'default';
  rateLimit?: number | 'default';
  header?: Array<[string, string]>;
  secretHeader?: Array<[string, string]>;
  clearHeaders?: boolean;
  ordering?: string;
  filter?: Record<string, unknown> | 'default';
}

function settingsOptions(cmd: Command, update: boolean): Command {
  const reset = update ? ' (default: back to the service default)' : '';
  cmd
    .option('--retry-schedule <delays>', `retry delays of this webhook, such as 10s,1m,1h (at most 10, 3 days in total)${reset}`, String)
    .option('--timeout <duration>', `limit of one attempt, 1s to 30s${reset}`, String)
    .option('--max-in-flight <n>', `attempts of this webhook at once${reset}`, orDefault(parsePositiveInt))
    .option('--rate-limit <n>', `deliveries per second, 1 to 10000${reset}`, orDefault(parsePositiveInt))
    .option('--header <Name: value>', `a header sent with every attempt (repeatable${update ? '; replaces the set' : ''})`, collectHeader)
    .option('--secret-header <Name: value>', 'the same, its value masked in answers and logs (repeatable)', collectHeader)
    .option(
      '--filter <json>',
      `only events whose payload matches, such as '{"path":"data.object.amount","op":"gte","value":10000}' (docs/webhooks.md#filters)${update ? '; default: none' : ''}`,
      orDefault(parseJsonObject),
    );
  if (update) cmd.option('--clear-headers', 'remove every custom header');
  return cmd.addOption(new Option('--ordering <ordering>', 'per_object: one object at a time, in publish order').choices(['none', 'per_object']));
}

function settingsBody(opts: SettingsOptions): Record<string, unknown> {
  const headers =
    opts.header || opts.secretHeader
      ? Object.fromEntries([...(opts.header ?? []).map(([n, v]) => [n, v]), ...(opts.secretHeader ?? []).map(([n, v]) => [n, { value: v, secret: true }])])
      : opts.clearHeaders
        ? null
        : undefined;
  const value = <T>(v: T | 'default') => (v === 'default' ? null : v);
  return {
    ...(opts.retrySchedule !== undefined && { retry_schedule: value(opts.retrySchedule) }),
    ...(opts.timeout !== undefined && { timeout: value(opts.timeout) }),
    ...(opts.maxInFlight !== undefined && { max_in_flight: value(opts.maxInFlight) }),
    ...(opts.rateLimit !== undefined && { rate_limit: value(opts.rateLimit) }),
    ...(headers !== undefined && { headers }),
    ...(opts.ordering !== undefined && { ordering: opts.ordering }),
    ...(opts.filter !== undefined && { filter: value(opts.filter) }),
  };
}

function state(w: WebhookView): string {
  return w.enabled ? 'enabled' : w.disabled_reason ? `disabled (${w.disabled_reason})` : 'disabled';
}

export function webhooksCommands(program: Command, env: Env, io: CliIo = processIo()): void {
  const out = makeOut(env, io);
  const webhooks = program.command('webhooks').description('Manage webhooks (endpoints subscribed to event types)');

  withConnection(webhooks.command('list').description('List webhooks, newest first'))
    .option('--limit <n>', 'how many to show', parseLimit, 100)
    .option('--json', 'print JSON')
    .action(async (opts: Json & { limit: number }) => {
      const rows = await ApiClient.from(opts, env).listAll<WebhookView>('/v1/webhooks', {}, opts.limit);
      if (opts.json) return out.json(rows);
      if (!rows.length) return out.line('No webhooks yet. Create one with: salesos webhooks create --url <url> --events <types>');
      for (const l of table(
        rows.map((w) => [w.id, w.enabled ? out.green(state(w)) : out.red(state(w)), w.url, w.events.join(','), w.description]),
        ['ID', 'STATUS', 'URL', 'EVENTS', 'DESCRIPTION'],
      ))
        out.line(l);
    });

  withConnection(webhooks.command('show <id>').alias('get').description('Show a webhook and its delivery settings'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const w = await ApiClient.from(opts, env).request<WebhookView>('GET', `/v1/webhooks/${encodeURIComponent(id)}`);
      if (opts.json) return out.json(w);
      printWebhook(out, w);
    });

  settingsOptions(
    withConnection(webhooks.command('create').description('Create a webhook; prints its id and signing secret'))
      .requiredOption('--url <url>', 'endpoint URL (absolute http(s))', parseHttpUrl)
      .requiredOption('--events <types>', 'comma-separated event types, group.* wildcards or *', parseEventPatterns)
      .option('--description <text>', 'a description')
      .option('--disabled', 'create it disabled')
      .option('--metadata <key=value>', 'metadata (repeatable)', collectMetadata),
    false,
  )
    .option('--json', 'print JSON')
    .action(
      async (opts: Json & SettingsOptions & { url: string; events: string[]; description?: string; disabled?: boolean; metadata?: Record<string, string> }) => {
        const w = await ApiClient.from(opts, env).request<WebhookView & { secret: string }>('POST', '/v1/webhooks', {
          url: opts.url,
          events: opts.events,
          ...(opts.description !== undefined && { description: opts.description }),
          ...(opts.disabled && { enabled: false }),
          ...(opts.metadata && { metadata: opts.metadata }),
          ...settingsBody(opts),
        });
        if (opts.json) return out.json(w);
        out.line(`Created webhook ${out.bold(w.id)} for ${w.url} (${w.events.join(', ')})`);
        out.line(`Signing secret: ${w.secret}`);
      },
    );

  settingsOptions(
    withConnection(webhooks.command('update <id>').description("Change a webhook's URL, events, description, metadata, state or delivery settings"))
      .option('--url <url>', 'new endpoint URL', parseHttpUrl)
      .option('--events <types>', 'new comma-separated event types', parseEventPatterns)
      .option('--description <text>', 'new description')
      .addOption(new Option('--enable', 'enable it').conflicts('disable'))
      .option('--disable', 'disable it (pending deliveries wait until it is enabled)')
      .option('--metadata <key=value>', 'replace the metadata (repeatable)', collectMetadata),
    true,
  )
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        opts: Json &
          SettingsOptions & { url?: string; events?: string[]; description?: string; enable?: boolean; disable?: boolean; metadata?: Record<string, string> },
        cmd: Command,
      ) => {
        const body = {
          ...(opts.url !== undefined && { url: opts.url }),
          ...(opts.events !== undefined && { events: opts.events }),
          ...(opts.description !== undefined && { description: opts.description }),
          ...(opts.enable && { enabled: true }),
          ...(opts.disable && { enabled: false }),
          ...(opts.metadata && { metadata: opts.metadata }),
          ...settingsBody(opts),
        };
        if (!Object.keys(body).length)
          cmd.error('error: nothing to change: pass --url, --events, --description, --enable, --disable, --metadata or a delivery setting (see --help)', {
            exitCode: 2,
          });
        const w = await ApiClient.from(opts, env).request<WebhookView>('PATCH', `/v1/webhooks/${encodeURIComponent(id)}`, body);
        if (opts.json) return out.json(w);
        out.line(`Updated webhook ${w.id}`);
        printWebhook(out, w);
      },
    );

  withConnection(webhooks.command('delete <id>').description('Delete a webhook; its pending deliveries are canceled'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      await ApiClient.from(opts, env).request('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
      if (opts.json) return out.json({ id, deleted: true });
      out.line(`Deleted webhook ${id}`);
    });

  withConnection(webhooks.command('secret <id>').description("Print a webhook's current signing secret"))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const s = await ApiClient.from(opts, env).request<{ secret: string; previous_secret_expires_at?: string | null }>(
        'GET',
        `/v1/webhooks/${encodeURIComponent(id)}/secret`,
      );
      if (opts.json) return out.json(s);
      out.line(s.secret);
    });

  withConnection(webhooks.command('rotate-secret <id>').description('Rotate the signing secret; the previous one keeps signing during the grace period'))
    .option('--expire-previous-now', 'the previous secret stops signing at once (a leaked secret)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json & { expirePreviousNow?: boolean }) => {
      const s = await ApiClient.from(opts, env).request<{ secret: string; previous_secret_expires_at?: string | null }>(
        'POST',
        `/v1/webhooks/${encodeURIComponent(id)}/rotate-secret`,
        opts.expirePreviousNow ? { expire_previous_now: true } : {},
      );
      if (opts.json) return out.json(s);
      out.line(`New signing secret: ${s.secret}`);
      if (opts.expirePreviousNow) out.line('The previous secret no longer signs');
      else if (s.previous_secret_expires_at) out.line(`The previous secret keeps signing until ${when(s.previous_secret_expires_at)}`);
    });

  withConnection(
    webhooks
      .command('secrets <id>')
      .description('List the secrets that sign deliveries now (after a rotation, the previous ones in their grace) and when each stops'),
  )
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const r = await ApiClient.from(opts, env).request<{ data: Array<{ id: string; created_at: string; expires_at: string | null }> }>(
        'GET',
        `/v1/webhooks/${encodeURIComponent(id)}/secrets`,
      );
      if (opts.json) return out.json(r);
      for (const l of table(
        r.data.map((x) => [x.id, x.expires_at === null ? `current, since ${when(x.created_at)}` : `previous, stops ${when(x.expires_at)}`]),
      ))
        out.line(l);
    });

  withConnection(webhooks.command('test <id>').description('Send a sample event to this webhook now (a real, logged delivery)'))
    .option('--event-type <type>', 'event type of the sample (default: the first the webhook subscribes to)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json & { eventType?: string }) => {
      const r = await ApiClient.from(opts, env).request<{ event: { id: string; type: string }; delivery_id: string }>(
        'POST',
        `/v1/webhooks/${encodeURIComponent(id)}/test`,
        opts.eventType ? { event_type: opts.eventType } : {},
      );
      if (opts.json) return out.json(r);
      out.line(`Sent test event ${r.event.type} ${r.event.id} as delivery ${r.delivery_id}`);
      out.line(`Follow it with: salesos deliveries show ${r.delivery_id}`);
    });

  /** recover and replay: start the task, print it, and unless --no-wait follow it to its end. */
  const windowed = (name: 'recover' | 'replay', description: string) =>
    withConnection(webhooks.command(`${name} <id>`).description(description))
      .requiredOption('--since <time>', 'start of the window: ISO-8601 time, or a duration ago (30m, 2h, 3d)', (v) => parseSince(v))
      .option('--until <time>', 'end of the window (exclusive; default now): ISO-8601 time, or a duration ago', (v) => parseSince(v))
      .option('--no-wait', 'print the task and return at once (follow it with: salesos tasks get <task id>)')
      .option('--json', 'print JSON');
  const start = async (name: 'recover' | 'replay', id: string, opts: Json & { since: string; until?: string; wait: boolean; onlyMissing?: boolean }) => {
    const client = ApiClient.from(opts, env);
    const body = { since: opts.since, ...(opts.until ? { until: opts.until } : {}), ...(opts.onlyMissing ? { only_missing: true } : {}) };
    const task = await client.request<TaskView>('POST', `/v1/webhooks/${encodeURIComponent(id)}/${name}`, body);
    if (!opts.wait) {
      if (opts.json) return out.json(task);
      printTask(out, task);
      return out.line(`Follow it with: salesos tasks get ${task.id}`);
    }
    if (!opts.json) out.line(`Started ${name} task ${task.id} of ${id}, window ${when(task.since)} to ${when(task.until)}`);
    const ended = await followTask(client, out, task, { json: opts.json });
    if (opts.json) return;
    const what = name === 'recover' ? 're-queued' : 'created';
    out.line(`Done: ${ended.done} of ${ended.total ?? 0} handled, ${ended.queued} ${ended.queued === 1 ? 'delivery' : 'deliveries'} ${what}`);
    if (ended.queued) out.line(`Follow them with: salesos deliveries tail --webhook ${id}`);
  };
  windowed('recover', "Re-queue the webhook's failed deliveries created in a time window (a background task)").action(
    (id: string, opts: Json & { since: string; until?: string; wait: boolean }) => start('recover', id, opts),
  );
  windowed('replay', "Send the window's events of the webhook's types again as new deliveries, a backfill too (a background task)")
    .option('--only-missing', 'only events with no succeeded delivery to this webhook')
    .action((id: string, opts: Json & { since: string; until?: string; wait: boolean; onlyMissing?: boolean }) => start('replay', id, opts));

  statsCommand(webhooks, env, out);
}

function printWebhook(out: ReturnType<typeof makeOut>, w: WebhookView): void {
  for (const l of table([
    ['id', w.id],
    ['url', w.url],
    ['events', w.events.join(', ')],
    ['status', state(w)],
    ['description', w.description || '-'],
    ['metadata', Object.keys(w.metadata).length ? JSON.stringify(w.metadata) : '-'],
    ['retry schedule', w.retry_schedule ?? 'default'],
    ['timeout', w.timeout ?? 'default'],
    ['max in flight', w.max_in_flight === null ? 'default' : String(w.max_in_flight)],
    ['rate limit', w.rate_limit === null ? 'none' : `${w.rate_limit}/s`],
    [
      'headers',
      w.headers && Object.keys(w.headers).length
        ? Object.entries(w.headers)
            .map(([n, v]) => `${n}: ${typeof v === 'string' ? v : `${v.value} (secret)`}`)
            .join('; ')
        : '-',
    ],
    ['filter', w.filter ? JSON.stringify(w.filter) : '-'],
    ['ordering', w.ordering],
    ['created', when(w.created_at)],
    ['updated', when(w.updated_at)],
  ]))
    out.line(l);
}
