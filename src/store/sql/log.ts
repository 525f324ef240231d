// The delivery log: deliveries and their attempts as users browse them, and the manual actions on
// them (retry now; recover is a background task, sql/tasks.ts).
import type { DeliveryFilter, DeliveryLog, DeliveryRecord, LastDelivery, RetryAnswer } from '../ports.ts';
import { ATTEMPT_COLUMNS, DELIVERY_COLUMNS } from './fragments.ts';
import { attemptRecord, type AttemptRow } from './rows.ts';
import { marks, qualified, type SqlDatabase } from './runner.ts';
import type { AttemptRecord } from '../ports.ts';
import { DELIVERY_STATUSES, type DeliveryStatus, type ResponseClass } from '../../model.ts';

function statusLiteral(s: DeliveryStatus): string {
  if (!(DELIVERY_STATUSES as readonly string[]).includes(s)) throw new TypeError(`not a delivery status: ${s}`);
  return `'${s}'`;
}
/** The delivery columns as the searches read them (deliveries aliased d). */
const D_COLUMNS = qualified(DELIVERY_COLUMNS, 'd');
const RESPONSE_RANGE: Record<Exclude<ResponseClass, 'none'>, [number, number]> = { '2xx': [200, 299], '3xx': [300, 399], '4xx': [400, 499], '5xx': [500, 599] };

export class SqlDeliveryLog implements DeliveryLog {
  /** @param lockSuffix see SqlWebhookStore */
  constructor(
    private readonly db: SqlDatabase,
    private readonly lockSuffix: string,
  ) {}

  /**
   * Newest first by id. Indexes: a webhook's log walks deliveries_webhook; the organization's
   * whole log walks the primary key (organization_id, id); `failed` alone walks
   * deliveries_failed; an event's deliveries come from deliveries_event. Time bounds are id
   * bounds (ids sort by creation), so every walk stops at `from`.
   */
  search(organizationId: string, filter: DeliveryFilter): Promise<DeliveryRecord[]> {
    const where = ['d.organization_id = ?', 'd.id < ?'];
    const params: unknown[] = [organizationId, filter.before];
    // Filters are fixed columns with bound values: nothing from the request reaches the SQL text.
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.from) add('d.id >= ?', filter.from);
    if (filter.webhookId) add('d.webhook_id = ?', filter.webhookId);
    if (filter.eventId) add('d.event_id = ?', filter.eventId);
    // Statuses are written as literals (each checked against the closed set first): a planner
    // sees `status = 'failed'` and uses the partial index deliveries_failed, which neither SQLite
    // nor a generic plan would for a bound value (nor SQLite for a one-value IN list).
    const statuses = [...new Set(filter.statuses ?? [])].map(statusLiteral);
    if (statuses.length) where.push(statuses.length === 1 ? `d.status = ${statuses[0]}` : `d.status IN (${statuses.join(', ')})`);
    if (filter.eventTypes?.length) add(`d.event_type IN (${marks(filter.eventTypes)})`, ...filter.eventTypes);
    if (filter.responseClass) {
      // The last attempt's answer (attempts_delivery finds it).
      const last =
        'SELECT a.response_status FROM attempts a WHERE a.organization_id = d.organization_id AND a.delivery_id = d.id ORDER BY a.attempt_number DESC LIMIT 1';
      if (filter.responseClass === 'none') where.push(`(d.attempt_count = 0 OR (${last}) IS NULL)`);
      else add(`(${last}) BETWEEN ? AND ?`, ...RESPONSE_RANGE[filter.responseClass]);
    }
    return this.db.query<DeliveryRecord>(`SELECT ${D_COLUMNS} FROM deliveries d WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT ?`, [
      ...params,
      filter.limit,
    ]);
  }

  listForEvent(organizationId: string, eventId: string): Promise<DeliveryRecord[]> {
    return this.db.query<DeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND event_id = ? ORDER BY id`, [
      organizationId,
      eventId,
    ]);
  }

  async get(organizationId: string, id: string): Promise<DeliveryRecord | null> {
    return (
      (await this.db.query<DeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND id = ?`, [organizationId, id]))[0] ?? null
    );
  }

  async attempts(organizationId: string, deliveryId: string): Promise<AttemptRecord[]> {
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE organization_id = ? AND delivery_id = ? ORDER BY attempt_number, id`,
      [organizationId, deliveryId],
    );
    return rows.map(attemptRecord);
  }

  retry(organizationId: string, id: string, now: number): Promise<RetryAnswer> {
    return this.db.tx(async (q) => {
      // Under the row's lock: of two retries at once, the second sees the first's.
      const rows = await q.query<DeliveryRecord & { next_trigger: string }>(
        `SELECT ${DELIVERY_COLUMNS}, next_trigger FROM deliveries WHERE organization_id = ? AND id = ?${this.lockSuffix}`,
        [organizationId, id],
      );
      if (!rows.length) return { refused: 'not_found' };
      const { next_trigger: trigger, ...d } = rows[0];
      if (d.status === 'canceled') return { refused: 'canceled' };
      // Under way: leased to a worker, or already queued for a manual attempt.
      if (d.status === 'pending' && (d.lease_token || trigger === 'manual')) return { refused: 'in_progress' };
      await q.exec(
        "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, next_trigger = 'manual', lease_token = NULL, updated_at = ? WHERE organization_id = ? AND id = ?",
        [now, now, organizationId, id],
      );
      await q.notify([d.webhook_id]);
      return { ok: { ...d, status: 'pending', next_attempt_at: now, lease_token: null, updated_at: now } };
    });
  }

  async lastDeliveries(organizationId: string, webhookIds: string[]): Promise<Map<string, LastDelivery>> {
    const out = new Map<string, LastDelivery>();
    // One indexed LIMIT 1 per webhook: a page holds at most 100 of them.
    await Promise.all(
      webhookIds.map(async (id) => {
        const rows = await this.db.query<{ id: string; status: DeliveryStatus; attempt_count: number; created_at: number; last_attempt_at: number | null }>(
          'SELECT id, status, attempt_count, created_at, last_attempt_at FROM deliveries WHERE organization_id = ? AND webhook_id = ? ORDER BY id DESC LIMIT 1',
          [organizationId, id],
        );
        const r = rows[0];
        if (r) out.set(id, { id: r.id, status: r.status, attempt_count: r.attempt_count, at: Number(r.last_attempt_at ?? r.created_at) });
      }),
    );
    return out;
  }
}
