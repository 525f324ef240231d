// Publishing on PostgreSQL: one statement for any number of events and their deliveries
// (sql/publish.ts), outside a transaction or inside a CRM change's.
import type { EventRecord, NewDelivery, NewEvent, Outbox, Subscriber } from '../ports.ts';
import { eventByIdempotencyKey } from '../sql/events.ts';
import { patterns, policyFields, type PolicyRow } from '../sql/rows.ts';
import type { SqlRunner } from '../sql/runner.ts';
import { PUBLISH, SUBSCRIBERS } from './sql/publish.ts';
import type { WakeThrottle } from './wake.ts';

export class PgOutbox implements Outbox {
  /**
   * @param q the pool, or a transaction's connection
   * @param channel the workers' NOTIFY channel
   * @param wake how queued work is announced outside a transaction (see WakeThrottle); inside one,
   *   the statement announces it at commit.
   */
  constructor(
    private readonly q: SqlRunner,
    private readonly channel: string,
    private readonly wake: WakeThrottle | null,
  ) {}

  async subscribers(organizationId: string, now: number): Promise<Subscriber[]> {
    const rows = await this.q.query<
      PolicyRow & {
        id: string;
        events: string;
        url: string;
        failing_since: number | null;
        last_success_at: number | null;
        secrets: string[];
      }
    >(SUBSCRIBERS, [now, organizationId]);
    return rows.map(({ id, events, url, failing_since, last_success_at, secrets, ...policy }) => ({
      id,
      events: patterns(events),
      context: { url, failing_since, last_success_at, secrets, ...policyFields(policy) },
    }));
  }

  async publish(events: NewEvent[], deliveries: NewDelivery[]): Promise<Set<string>> {
    if (!events.length) return new Set();
    const queued = new Set(deliveries.filter((d) => !d.lease).map((d) => d.webhook_id));
    const named = !this.wake || (queued.size > 0 && this.wake.lead());
    const rows = await this.q.query<{ id: string }>(PUBLISH, [
      events.map((e) => e.organization_id),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.idempotency_key),
      JSON.stringify(events.map((e) => e.body)),
      events.map((e) => e.created_at),
      deliveries.map((d) => d.organization_id),
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.event_id),
      deliveries.map((d) => d.webhook_id),
      deliveries.map((d) => d.event_type),
      deliveries.map((d) => d.lease?.until ?? d.created_at),
      deliveries.map((d) => d.lease?.token ?? null),
      deliveries.map((d) => d.trigger),
      deliveries.map((d) => d.created_at),
      deliveries.map((d) => d.ordering_key ?? null),
      this.channel,
      named,
    ]);
    if (!named && queued.size) this.wake!.defer(queued);
    return new Set(rows.map((r) => r.id));
  }

  eventByIdempotencyKey(organizationId: string, key: string): Promise<EventRecord | null> {
    return eventByIdempotencyKey(this.q, organizationId, key);
  }
}
