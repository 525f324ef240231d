// `salesos events …`: publish sample events (as `stripe trigger` does) and browse events.
import type { Command } from 'commander';
import { isEventType, EVENT_TYPES } from '../catalog.ts';
import { sampleEventData } from '../events/samples.ts';
import { parseLimit } from './args.ts';
import { ApiClient, withConnection, type ConnectionOptions, type Env } from './client.ts';
import type { DeliveryView } from './views.ts';
import { makeOut, processIo, table, when, type CliIo } from './output.ts';

interface EventView {
  id: string;
  type: string;
  created_at: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

interface Json extends ConnectionOptions {
  json?: boolean;
}

export function eventsCommands(program: Command, env: Env, io: CliIo = processIo()): void {
  const out = makeOut(env, io);
  const events = program.command('events').description('Publish sample events and browse events');

  withConnection(
    events
      .command('trigger <type>')
      .description('Publish a realistic sample event of a type to every subscribed webhook, marked as a test ("test": true, X-Webhook-Test: true)'),
  )
    .option('--json', 'print JSON (the event and its deliveries)')
    .addHelpText('after', `\nEvent types: ${EVENT_TYPES.join(', ')}`)
    .action(async (type: string, opts: Json, cmd: Command) => {
      if (!isEventType(type)) cmd.error(`error: unknown event type ${JSON.stringify(type)}; one of: ${EVENT_TYPES.join(', ')}`, { exitCode: 2 });
      const client = ApiClient.from(opts, env);
      const event = await client.request<EventView>('POST', '/v1/events', { type, data: sampleEventData(type), test: true });
      const full = await client.request<EventView & { deliveries: DeliveryView[] }>('GET', `/v1/events/${event.id}`);
      if (opts.json) return out.json(full);
      const n = full.deliveries.length;
      out.line(`Triggered ${out.bold(type)} ${event.id}: ${n ? `queued ${n} ${n === 1 ? 'delivery' : 'deliveries'}` : 'no webhook subscribes to it'}`);
      for (const d of full.deliveries) out.line(`  ${d.id} → ${d.webhook_id}`);
    });

  withConnection(events.command('list').description('List events, newest first'))
    .option('--type <type...>', 'only these event types')
    .option('--object <id>', 'only the events about this CRM object (data.object.id)')
    .option('--since <time>', 'created at or after this ISO-8601 time')
    .option('--until <time>', 'created before this ISO-8601 time')
    .option('--limit <n>', 'how many to show', parseLimit, 20)
    .option('--json', 'print JSON')
    .action(async (opts: Json & { type?: string[]; object?: string; since?: string; until?: string; limit: number }) => {
      const rows = await ApiClient.from(opts, env).listAll<EventView>(
        '/v1/events',
        { type: opts.type, object_id: opts.object, since: opts.since, until: opts.until },
        opts.limit,
      );
      if (opts.json) return out.json(rows);
      if (!rows.length) return out.line('No events yet. Publish one with: salesos events trigger lead.created');
      for (const l of table(
        rows.map((e) => [e.id, e.type, when(e.created_at), String(e.data.object.id ?? '')]),
        ['ID', 'TYPE', 'CREATED', 'OBJECT'],
      ))
        out.line(l);
    });

  withConnection(events.command('show <id>').description('Show an event, its payload and its deliveries'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: Json) => {
      const e = await ApiClient.from(opts, env).request<EventView & { deliveries: DeliveryView[] }>('GET', `/v1/events/${encodeURIComponent(id)}`);
      if (opts.json) return out.json(e);
      out.line(`${out.bold(e.type)} ${e.id} at ${when(e.created_at)}`);
      out.line(JSON.stringify(e.data, null, 2));
      if (!e.deliveries.length) return out.line('No deliveries');
      out.line();
      for (const l of table(
        e.deliveries.map((d) => [d.id, d.webhook_id, out.status(d.status), String(d.attempt_count)]),
        ['DELIVERY', 'WEBHOOK', 'STATUS', 'ATTEMPTS'],
      ))
        out.line(l);
    });

  withConnection(events.command('types').description('List the event types'))
    .option('--json', 'print JSON')
    .action(async (opts: Json) => {
      const r = await ApiClient.from(opts, env).request<{ data: Array<{ type: string; description: string; group: string }> }>('GET', '/v1/event-types');
      if (opts.json) return out.json(r.data);
      for (const l of table(
        r.data.map((t) => [t.type, t.group, t.description]),
        ['TYPE', 'GROUP', 'DESCRIPTION'],
      ))
        out.line(l);
    });
}
