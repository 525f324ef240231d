// Publishing on SQLite: events and their deliveries in the caller's transaction (a CRM change's),
// or in one of their own.
import type { EventRecord, NewDelivery, NewEvent, Outbox, Subscriber } from '../ports.ts';
import { eventByIdempotencyKey } from '../sql/events.ts';
import { patterns } from '../sql/rows.ts';
import { placeholders, stablePlan, type SqlDatabase, type SqlRunner, type SqlTransaction } from '../sql/runner.ts';
import { loadContext } from './context.ts';

const SUBSCRIBED = stablePlan('SELECT organization_id, id, events FROM webhooks WHERE organization_id = ? AND enabled = 1 AND deleted_at IS NULL');
const DELIVERY_COLUMNS =
  '(organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, lease_token, next_trigger, created_at, updated_at, ordering_key)';
const CHUNK = 500;

export class SqliteOutbox implements Outbox {
  /** @param target a transaction to publish in, or the database (each publish its own transaction) */
  constructor(private readonly target: { tx: SqlTransaction } | { db: SqlDatabase }) {}

  private get reader(): SqlRunner {
    return 'tx' in this.target ? this.target.tx : this.target.db;
  }

  async subscribers(organizationId: string, now: number): Promise<Subscriber[]> {
    const hooks = await this.reader.query<{ organization_id: string; id: string; events: string }>(SUBSCRIBED, [organizationId]);
    if (!hooks.length) return [];
    const context = await loadContext(
      this.reader,
      hooks.map((h) => ({ organization_id: organizationId, webhook_id: h.id })),
      now,
    );
    return hooks.flatMap((h) => {
      const c = context.get(`${organizationId}/${h.id}`);
      return c ? [{ id: h.id, events: patterns(h.events), context: c }] : [];
    });
  }

  publish(events: NewEvent[], deliveries: NewDelivery[]): Promise<Set<string>> {
    if ('tx' in this.target) return write(this.target.tx, events, deliveries);
    return this.target.db.tx((q) => write(q, events, deliveries));
  }

  eventByIdempotencyKey(organizationId: string, key: string): Promise<EventRecord | null> {
    return eventByIdempotencyKey(this.reader, organizationId, key);
  }
}

async function write(q: SqlTransaction, events: NewEvent[], deliveries: NewDelivery[]): Promise<Set<string>> {
  const stored = new Set<string>();
  // One at a time, so that an event whose idempotency key is taken (the unique index ignores it)
  // is known, and its deliveries left out.
  for (const e of events) {
    const n = await q.exec('INSERT OR IGNORE INTO events (organization_id, id, type, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      e.organization_id,
      e.id,
      e.type,
      e.idempotency_key,
      e.body,
      e.created_at,
    ]);
    if (n) stored.add(e.id);
  }
  const kept = deliveries.filter((d) => stored.has(d.event_id));
  for (let i = 0; i < kept.length; i += CHUNK) {
    const chunk = kept.slice(i, i + CHUNK);
    const values = chunk.flatMap((d) => [
      d.organization_id,
      d.id,
      d.event_id,
      d.webhook_id,
      d.event_type,
      'pending',
      0,
      d.lease?.until ?? d.created_at,
      d.lease?.token ?? null,
      d.trigger,
      d.created_at,
      d.created_at,
      d.ordering_key ?? null,
    ]);
    await q.exec(`INSERT INTO deliveries ${DELIVERY_COLUMNS} VALUES ${placeholders(chunk.length, 13)}`, values);
  }
  const queued = [...new Set(kept.filter((d) => !d.lease).map((d) => d.webhook_id))];
  if (queued.length) await q.notify(queued);
  return stored;
}
