// `salesos deliveries …`: the delivery log (list, show with attempts, retry) and a live tail.
import { Option, type Command } from 'commander';
import { parseLimit } from './args.ts';
import { ApiClient, withConnection, type ConnectionOptions, type Env } from './client.ts';
import { DELIVERY_STATUSES, RESPONSE_CLASSES } from '../model.ts';
import { makeOut, processIo, table, when, type CliIo, type Out } from './output.ts';
import { tailDeliveries } from './tail.ts';
import { attemptOutcome, type AttemptView, type DeliveryView } from './views.ts';

interface Json extends ConnectionOptions {
  json?: boolean;
}

const STATUSES = DELIVERY_STATUSES;

export function deliveriesCommands(program: Command, env: Env, io: CliIo = processIo()): void {
  const out = makeOut(env, io);
  const deliveries = program.command('deliveries').description('Browse, retry and follow the delivery log');

  withConnection(deliveries.command('list').description('The delivery log across your webhooks (or of one), newest first'))
    .option('--webhook <id>', 'only this webhook (wh_…)')
    .addOption(new Option('--status <status...>', 'only these statuses').choices(STATUSES))
    .option('--event-type <type...>', 'only these event types')
    .option('--event <id>', 'only the deliveries of this event (evt_…)')
    .option('--since <time>', 'created at or after this ISO-8601 time')
    .option('--until <time>', 'created before this ISO-8601 time')
    .addOption(new Option('--answer <class>', "only those whose last attempt was answered so ('none': no answer)").choices(RESPONSE_CLASSES))
    .option('--limit <n>', 'how many to show', parseLimit, 20)
    .option('--json', 'print JSON')
    .action(
      async (
        opts: Json & {
          webhook?: string;
          status?: string[];
          eventType?: string[];
          event?: string;
          since?: string;
          until?: string;
          answer?: string;
          limit: number;
        },
      ) => {
        const rows = await ApiClient.from(opts, env).listAll<DeliveryView>(
          '/v1/deliveries',
          {
            webhook_id: opts.webhook,
            status: opts.status,
            event_type: opts.eventType,
            event_id: opts.event,
            since: opts.since,
            until: opts.until,
            response_status_class: opts.answer,
          },
          opts.limit,
        );
        if (opts.json) return out.json(rows);
        if (!rows.length) return out.line('No deliveries');
        for (const l of table(
          rows.map((d) => [
            d.id,
            d.event_type,
            out.status(d.status),
            String(d.attempt_count),
            when(d.last_attempt_at),
            d.status === 'pending' ? when(d.next_attempt_at) : '-',
            d.event_id,
            d.webhook_id,
          ]),
          ['ID', 'EVENT TYPE', 'STATUS', 'ATTEMPTS', 'LAST ATTEMPT', 'NEXT ATTEMPT', 'EVENT', 'WEBHOOK'],
        ))
          out.line(l);
      },
    );

  withConnection(deliveries.command('show <id>').description('A delivery with every attempt (request and response)'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const d = await ApiClient.from(opts, env).request<DeliveryView & { attempts: AttemptView[] }>('GET', `/v1/deliveries/${encodeURIComponent(id)}`);
      if (opts.json) return out.json(d);
      printDelivery(out, d);
    });

  withConnection(deliveries.command('retry <id>').description('One more attempt of a delivery now'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const d = await ApiClient.from(opts, env).request<DeliveryView>('POST', `/v1/deliveries/${encodeURIComponent(id)}/retry`, {});
      if (opts.json) return out.json(d);
      out.line(`Queued a new attempt of ${d.id} (${d.event_type} to ${d.webhook_id})`);
      out.line(`Follow it with: salesos deliveries show ${d.id}`);
    });

  withConnection(deliveries.command('tail').description('Follow new deliveries and their outcomes live, one line per change, until interrupted'))
    .option('--webhook <id>', 'only this webhook (default: every webhook)')
    .option('--interval <ms>', 'how often to poll, in milliseconds', parseLimit, 1000)
    .option('--json', 'print one JSON object per line')
    .action(async (opts: Json & { webhook?: string; interval: number }) => {
      await tailDeliveries(ApiClient.from(opts, env), out, { webhook: opts.webhook, intervalMs: opts.interval, json: opts.json === true });
    });
}

function printDelivery(out: Out, d: DeliveryView & { attempts: AttemptView[] }): void {
  for (const l of table([
    ['id', d.id],
    ['status', out.status(d.status)],
    ['event', `${d.event_type} ${d.event_id}`],
    ['webhook', d.webhook_id],
    ['attempts', String(d.attempt_count)],
    ['created', when(d.created_at)],
    ['last attempt', when(d.last_attempt_at)],
    ['next attempt', d.status === 'pending' ? when(d.next_attempt_at) : '-'],
  ]))
    out.line(l);
  for (const a of d.attempts) {
    out.line();
    const ok = a.error_class === null;
    out.line(
      `${out.bold(`Attempt ${a.attempt_number}`)} (${a.trigger}) at ${when(a.started_at)}: ${ok ? out.green(attemptOutcome(a)) : out.red(attemptOutcome(a))}${a.error_class && a.response_status !== null ? ` (${a.error_class})` : ''}`,
    );
    if (a.response_body) out.line(out.dim(`  ${a.response_body.slice(0, 500).replace(/\n/g, '\n  ')}`));
  }
}
