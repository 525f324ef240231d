// Events as the API shows them, and publishing from outside the CRM.
import { conflict, notFound, validation } from '../errors.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../http/pagination.ts';
import type { Db } from '../store/db.ts';
import { iso, type Auth, type Page } from '../types.ts';
import { isEventType, matchesEvent, EVENT_TYPES } from './catalog.ts';
import { publishEvent, type EventData, type EventRow } from './publish.ts';
import { sampleEventData } from './samples.ts';
import type { WebhookService } from '../webhooks/service.ts';

export function eventView(e: EventRow) {
  const body = JSON.parse(e.body) as { data: EventData };
  return { id: e.id, type: e.type, created_at: iso(e.created_at)!, data: body.data };
}
export type EventView = ReturnType<typeof eventView>;

export class EventService {
  constructor(
    private readonly db: Db,
    private readonly webhooks: WebhookService,
  ) {}

  /** Publishes an event; a repeated idempotency key answers the first event and queues nothing. */
  async publish(auth: Auth, input: { type: string; data: EventData; idempotencyKey?: string | null }): Promise<{ event: EventView; created: boolean }> {
    try {
      const { event, created } = await this.db.tx((q) => publishEvent(q, auth.organizationId, input));
      return { event: eventView(event), created };
    } catch (e) {
      // Two requests with one key at once: the loser's insert hits the unique index.
      if (input.idempotencyKey && /unique|duplicate key/i.test((e as Error).message ?? '')) {
        const rows = await this.db.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND idempotency_key = ?', [auth.organizationId, input.idempotencyKey]);
        if (rows.length) return { event: eventView(rows[0]), created: false };
      }
      throw e;
    }
  }

  async list(auth: Auth, params: ListParams & { type?: string }): Promise<Page<EventView>> {
    const limit = pageLimit(params);
    const before = decodeCursor(params.cursor);
    const rows = params.type
      ? await this.db.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND type = ? AND id < ? ORDER BY id DESC LIMIT ?', [auth.organizationId, params.type, before, limit + 1])
      : await this.db.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?', [auth.organizationId, before, limit + 1]);
    return toPage(rows, limit, eventView);
  }

  async get(auth: Auth, id: string): Promise<EventView> {
    const rows = await this.db.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND id = ?', [auth.organizationId, id]);
    if (!rows.length) throw notFound('event', id);
    return eventView(rows[0]);
  }

  /** Sends a sample event of a type to one webhook now: a real, logged delivery. */
  async sendTest(auth: Auth, webhookId: string, eventType?: string): Promise<{ event: EventView; delivery_id: string }> {
    const hook = await this.webhooks.get(auth, webhookId);
    if (!hook.enabled) throw conflict('This webhook is disabled; enable it to send a test event');
    const type = eventType ?? EVENT_TYPES.find((t) => matchesEvent(hook.events, t)) ?? EVENT_TYPES[0];
    if (!isEventType(type)) throw validation(`Unknown event type ${type}`, [{ field: 'event_type', message: 'unknown event type' }]);
    const { event } = await this.db.tx((q) => publishEvent(q, auth.organizationId, { type, data: sampleEventData(type), webhookId, trigger: 'test' }));
    const rows = await this.db.query<{ id: string }>('SELECT id FROM deliveries WHERE organization_id = ? AND event_id = ?', [auth.organizationId, event.id]);
    return { event: eventView(event), delivery_id: rows[0].id };
  }
}
