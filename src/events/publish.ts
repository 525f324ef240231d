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

/** Checks an input and builds the stored event: its body is serialized once, here. */
function prepareEvent(organizationId: string, input: PublishInput, now: number): EventRow {
  if (!isEventType(input.type)) {
    throw new ApiError(400, 'validation_failed', `Unknown event type ${input.type}`, [{ field: 'type', message: 'unknown event type' }]);
  }
  // Serialized once: every attempt of every delivery sends exactly these bytes.
  const data = JSON.stringify({ object: input.data.object, previous_attributes: input.data.previous_attributes });
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) {
    throw new ApiError(413, 'payload_too_large', `data is larger than ${MAX_DATA_BYTES} bytes`, [{ field: 'data', message: 'at most 256 KiB' }]);
  }
  const id = newId('evt', now);
  const head = { id, type: input.type, created_at: new Date(now).toISOString(), organization_id: organizationId };
  return { organization_id: organizationId, id, type: input.type, body: `${JSON.stringify(head).slice(0, -1)},"data":${data}}`, created_at: now };
}

const parsedPatterns = new Map<string, string[]>();
function patterns(events: string): string[] {
  let p = parsedPatterns.get(events);
  if (!p) {
    p = JSON.parse(events) as string[];
    if (parsedPatterns.size > 10_000) parsedPatterns.clear();
    parsedPatterns.set(events, p);
  }
  return p;
}

async function subscribedWebhooks(q: Queryable, organizationId: string): Promise<Array<{ id: string; events: string[] }>> {
  const rows = await q.query<{ id: string; events: string }>('SELECT id, events FROM webhooks WHERE organization_id = ? AND enabled = 1 AND deleted_at IS NULL', [organizationId]);
  return rows.map((w) => ({ id: w.id, events: patterns(w.events) }));
}

export async function publishEvent(q: Queryable, organizationId: string, input: PublishInput): Promise<PublishResult> {
  if (!isEventType(input.type)) prepareEvent(organizationId, input, 0); // throws the 400
  if (input.idempotencyKey) {
    const found = await q.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND idempotency_key = ?', [
      organizationId, input.idempotencyKey,
    ]);
    if (found.length) return { event: found[0], created: false, deliveries: 0 };
  }
  const now = Date.now();
  const event = prepareEvent(organizationId, input, now);
  const { id, body } = event;
  await q.exec('INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    organizationId, id, input.type, input.idempotencyKey ?? null, body, now,
  ]);

  const webhooks = input.webhookId
    ? [{ id: input.webhookId }]
    : (await subscribedWebhooks(q, organizationId)).filter((w) => matchesEvent(w.events, input.type));
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

// PostgreSQL, many publishes at once: the events, their deliveries and the wake-up of the workers
// in one statement (atomic on its own, so no BEGIN/COMMIT round trips), the arrays unnested
// server-side so the statement text is the same for every batch. A repeated idempotency key
// (against an earlier event, or twice in the batch) inserts nothing: ON CONFLICT skips the event
// and the deliveries follow only the events that went in.
const PUBLISH_MANY_PG = `WITH e AS (
  INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at)
  SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
  ON CONFLICT (organization_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id
), d AS (
  INSERT INTO deliveries ${DELIVERY_COLUMNS}
  SELECT v.organization_id, v.id, v.event_id, v.webhook_id, v.event_type, 'pending', 0, v.created_at, 'scheduled', v.created_at, v.created_at
  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) AS v(organization_id, id, event_id, webhook_id, event_type, created_at)
  WHERE v.event_id IN (SELECT id FROM e)
  RETURNING 1
)
SELECT e.id, (SELECT pg_notify(?, '') FROM (SELECT 1 FROM d LIMIT 1) AS any_delivery) AS woke FROM e`;

export interface PublishManyItem {
  organizationId: string;
  input: PublishInput;
}

/**
 * Publishes many events with two statements whatever their number (the subscribed webhooks of
 * each organization, then one insert). An item that is not valid gets its own error and does
 * not stop the others. PostgreSQL only.
 */
export async function publishManyPg(q: Queryable & { readonly channel: string }, items: PublishManyItem[]): Promise<Array<PublishResult | ApiError>> {
  const now = Date.now();
  const out: Array<PublishResult | ApiError> = [];
  const hooks = new Map<string, Array<{ id: string; events: string[] }>>();
  const ev = { org: [] as string[], id: [] as string[], type: [] as string[], key: [] as Array<string | null>, body: [] as string[], at: [] as number[] };
  const dl = { org: [] as string[], id: [] as string[], event: [] as string[], hook: [] as string[], type: [] as string[], at: [] as number[] };
  for (const { organizationId } of items) if (!hooks.has(organizationId)) hooks.set(organizationId, await subscribedWebhooks(q, organizationId));
  for (const { organizationId, input } of items) {
    let event: EventRow;
    try {
      event = prepareEvent(organizationId, input, now);
    } catch (e) {
      out.push(e as ApiError);
      continue;
    }
    ev.org.push(organizationId), ev.id.push(event.id), ev.type.push(event.type), ev.key.push(input.idempotencyKey ?? null), ev.body.push(event.body), ev.at.push(now);
    let deliveries = 0;
    for (const w of hooks.get(organizationId)!) {
      if (!matchesEvent(w.events, input.type)) continue;
      dl.org.push(organizationId), dl.id.push(newId('dlv', now)), dl.event.push(event.id), dl.hook.push(w.id), dl.type.push(event.type), dl.at.push(now);
      deliveries++;
    }
    out.push({ event, created: true, deliveries });
  }
  if (!ev.id.length) return out;
  const rows = await q.query<{ id: string }>(PUBLISH_MANY_PG, [ev.org, ev.id, ev.type, ev.key, ev.body, ev.at, dl.org, dl.id, dl.event, dl.hook, dl.type, dl.at, q.channel]);
  const inserted = new Set(rows.map((r) => r.id));
  for (const [i, r] of out.entries()) {
    if (r instanceof ApiError || inserted.has(r.event.id)) continue;
    // Its idempotency key was taken: the answer is the event that holds it, and nothing is queued.
    const { organizationId, input } = items[i];
    const found = await q.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND idempotency_key = ?', [organizationId, input.idempotencyKey]);
    out[i] = { event: found[0], created: false, deliveries: 0 };
  }
  return out;
}
