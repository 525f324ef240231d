// The delivery log: deliveries and their attempts as users browse them, and the manual actions
// on them (retry now, recover failed deliveries since a time).
import { conflict, notFound, validation } from '../errors.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import type { Db } from '../store/db.ts';
import { expandRequestHeaders } from './signer.ts';
import type { EventType } from '../catalog.ts';
import { iso, type AttemptTrigger, type Auth, type DeliveryStatus, type ErrorClass, type Page } from '../model.ts';

export interface DeliveryRow {
  organization_id: string;
  id: string;
  event_id: string;
  webhook_id: string;
  event_type: EventType;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  lease_token: string | null;
  created_at: number;
  updated_at: number;
}

export interface AttemptRow {
  id: string;
  attempt_number: number;
  trigger: AttemptTrigger;
  started_at: number;
  duration_ms: number;
  request_headers: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  error_class: ErrorClass | null;
  error_message: string | null;
}

export const DELIVERY_COLUMNS =
  'organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, last_attempt_at, lease_token, created_at, updated_at';

export function deliveryView(d: DeliveryRow) {
  return {
    id: d.id,
    event_id: d.event_id,
    event_type: d.event_type,
    webhook_id: d.webhook_id,
    status: d.status,
    attempt_count: d.attempt_count,
    // A leased delivery is being attempted: its next_attempt_at is only the lease's end.
    next_attempt_at: d.status === 'pending' && !d.lease_token ? iso(d.next_attempt_at) : null,
    last_attempt_at: iso(d.last_attempt_at),
    created_at: iso(d.created_at)!,
    updated_at: iso(d.updated_at)!,
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;

/** An attempt as the API shows it; `d` is its delivery (request headers are stored compact). */
export function attemptView(a: AttemptRow, d: Pick<DeliveryRow, 'event_id' | 'event_type'>) {
  return {
    id: a.id,
    attempt_number: a.attempt_number,
    trigger: a.trigger,
    started_at: iso(a.started_at)!,
    duration_ms: a.duration_ms,
    request_headers: expandRequestHeaders(JSON.parse(a.request_headers) as Record<string, string>, {
      eventId: d.event_id,
      eventType: d.event_type,
      attempt: a.attempt_number,
    }),
    response_status: a.response_status,
    response_headers: a.response_headers === null ? null : (JSON.parse(a.response_headers) as Record<string, string>),
    response_body: a.response_body,
    error_class: a.error_class,
    error_message: a.error_message,
  };
}

export interface DeliveryFilter extends ListParams {
  status?: string;
  event_type?: string;
}

export class DeliveryService {
  constructor(private readonly db: Db) {}

  private async row(auth: Auth, id: string): Promise<DeliveryRow> {
    const rows = await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND id = ?`, [auth.organizationId, id]);
    if (!rows.length) throw notFound('delivery', id);
    return rows[0];
  }

  async listForWebhook(auth: Auth, webhookId: string, filter: DeliveryFilter): Promise<Page<DeliveryView>> {
    const limit = pageLimit(filter);
    const before = decodeCursor(filter.cursor);
    const where = ['organization_id = ?', 'webhook_id = ?', 'id < ?'];
    const params: unknown[] = [auth.organizationId, webhookId, before];
    // Filters are fixed columns with bound values: nothing from the request reaches the SQL text.
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.event_type) {
      where.push('event_type = ?');
      params.push(filter.event_type);
    }
    const rows = await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [
      ...params,
      limit + 1,
    ]);
    return toPage(rows, limit, deliveryView);
  }

  async listForEvent(auth: Auth, eventId: string): Promise<DeliveryView[]> {
    const rows = await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND event_id = ? ORDER BY id`, [
      auth.organizationId,
      eventId,
    ]);
    return rows.map(deliveryView);
  }

  async get(auth: Auth, id: string) {
    const d = await this.row(auth, id);
    const attempts = await this.db.query<AttemptRow>(
      'SELECT id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message FROM attempts WHERE organization_id = ? AND delivery_id = ? ORDER BY attempt_number, id',
      [auth.organizationId, id],
    );
    return { ...deliveryView(d), attempts: attempts.map((a) => attemptView(a, d)) };
  }

  /** One more attempt now, whatever the delivery's status (but not while one is under way). */
  async retry(auth: Auth, id: string): Promise<DeliveryView> {
    return this.db.tx(async (q) => {
      const rows = await q.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE organization_id = ? AND id = ?`, [auth.organizationId, id]);
      if (!rows.length) throw notFound('delivery', id);
      const d = rows[0];
      if (d.status === 'canceled') throw conflict('This delivery was canceled (its webhook was deleted)');
      if (d.status === 'pending' && d.lease_token) throw conflict('An attempt of this delivery is under way');
      const now = Date.now();
      await q.exec(
        "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, next_trigger = 'manual', lease_token = NULL, updated_at = ? WHERE organization_id = ? AND id = ?",
        [now, now, auth.organizationId, id],
      );
      await q.notify();
      return deliveryView({ ...d, status: 'pending', next_attempt_at: now, lease_token: null, updated_at: now });
    });
  }

  /** Re-queues every failed delivery of a webhook created since `since`. */
  async recover(auth: Auth, webhookId: string, since: string): Promise<{ recovered: number }> {
    const at = Date.parse(since);
    if (Number.isNaN(at) || at > Date.now()) throw validation('since must be a past ISO-8601 time', [{ field: 'since', message: 'invalid time' }]);
    return this.db.tx(async (q) => {
      const now = Date.now();
      const n = await q.exec(
        "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, next_trigger = 'manual', lease_token = NULL, updated_at = ? WHERE organization_id = ? AND webhook_id = ? AND status = 'failed' AND created_at >= ?",
        [now, now, auth.organizationId, webhookId, at],
      );
      if (n) await q.notify();
      return { recovered: n };
    });
  }
}
