// Publishing: store an event and one pending delivery per matching enabled webhook, in the
// caller's transaction. The CRM calls this inside the transaction of its own change (a
// transactional outbox), so an event exists exactly when the change committed.
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Queryable } from '../store/db.ts';
import type { AttemptTrigger } from '../types.ts';
import { isEventType, matchesEvent } from './catalog.ts';

export const MAX_DATA_BYTES = 256 * 1024;

export interface EventData {
  object: Record<string, unknown>;
  previous_attributes?: Record<string, unknown>;
}

export interface PublishInput {
  type: string;
  data: EventData;
  idempotencyKey?: string | null;
  /** Only this webhook (test events). */
  webhookId?: string;
  trigger?: AttemptTrigger;
}

export interface EventRow {
  organization_id: string;
  id: string;
  type: string;
  body: string;
  created_at: number;
}

export interface PublishResult {
  event: EventRow;
  /** False when the idempotency key matched an earlier event: nothing new was queued. */
  created: boolean;
  deliveries: number;
}

const DELIVERY_COLUMNS = '(organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, next_trigger, created_at, updated_at)';
const CHUNK = 500;

export async function publishEvent(q: Queryable, organizationId: string, input: PublishInput): Promise<PublishResult> {
  if (!isEventType(input.type)) {
    throw new ApiError(400, 'validation_failed', `Unknown event type ${input.type}`, [{ field: 'type', message: 'unknown event type' }]);
  }
  if (input.idempotencyKey) {
    const found = await q.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND idempotency_key = ?', [
      organizationId, input.idempotencyKey,
    ]);
    if (found.length) return { event: found[0], created: false, deliveries: 0 };
  }
  // Serialized once: every attempt of every delivery sends exactly these bytes.
  const data = JSON.stringify({ object: input.data.object, previous_attributes: input.data.previous_attributes });
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) {
    throw new ApiError(413, 'payload_too_large', `data is larger than ${MAX_DATA_BYTES} bytes`, [{ field: 'data', message: 'at most 256 KiB' }]);
  }
  const now = Date.now();
  const id = newId('evt', now);
  const head = { id, type: input.type, created_at: new Date(now).toISOString(), organization_id: organizationId };
  const body = `${JSON.stringify(head).slice(0, -1)},"data":${data}}`;
  const event: EventRow = { organization_id: organizationId, id, type: input.type, body, created_at: now };
  await q.exec('INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    organizationId, id, input.type, input.idempotencyKey ?? null, body, now,
  ]);

  const webhooks = input.webhookId
    ? [{ id: input.webhookId }]
    : (await q.query<{ id: string; events: string }>('SELECT id, events FROM webhooks WHERE organization_id = ? AND enabled = 1 AND deleted_at IS NULL', [organizationId]))
        .filter((w) => matchesEvent(JSON.parse(w.events), input.type));
  const trigger = input.trigger ?? 'scheduled';
  for (let i = 0; i < webhooks.length; i += CHUNK) {
    const chunk = webhooks.slice(i, i + CHUNK);
    const values: unknown[] = [];
    for (const w of chunk) values.push(organizationId, newId('dlv', now), id, w.id, input.type, 'pending', 0, now, trigger, now, now);
    await q.exec(`INSERT INTO deliveries ${DELIVERY_COLUMNS} VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values);
  }
  if (webhooks.length) await q.notify();
  return { event, created: true, deliveries: webhooks.length };
}
