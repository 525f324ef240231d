// Publishing: store an event and one pending delivery per matching enabled webhook, in the
// caller's transaction. The CRM calls this inside the transaction of its own change (a
// transactional outbox), so an event exists exactly when the change committed.
import { randomUUID } from 'node:crypto';
import { loadAttemptContext, type AttemptContext, type ClaimedWork } from '../delivery/queue.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { NOTIFY_PAYLOAD_MAX, stablePlan, type Queryable } from '../store/db.ts';
import type { AttemptTrigger } from '../model.ts';
import { isEventType, matchesEvent, type EventType } from '../catalog.ts';

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
  type: EventType;
  body: string;
  created_at: number;
}

export interface PublishResult {
  event: EventRow;
  /** False when the idempotency key matched an earlier event: nothing new was queued. */
  created: boolean;
  deliveries: number;
}

const DELIVERY_COLUMNS =
  '(organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, lease_token, next_trigger, created_at, updated_at)';
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

const SUBSCRIBED = stablePlan('SELECT id, events FROM webhooks WHERE organization_id = ? AND enabled = 1 AND deleted_at IS NULL');

async function subscribedWebhooks(q: Queryable, organizationId: string): Promise<Array<{ id: string; events: string[] }>> {
  const rows = await q.query<{ id: string; events: string }>(SUBSCRIBED, [organizationId]);
  return rows.map((w) => ({ id: w.id, events: patterns(w.events) }));
}

/** The event that holds an idempotency key, if any. */
export async function eventByIdempotencyKey(q: Queryable, organizationId: string, key: string): Promise<EventRow | undefined> {
  const rows = await q.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND idempotency_key = ?', [
    organizationId,
    key,
  ]);
  return rows[0];
}

/** A delivery just published, leased to this process's worker under `token`. */
function freshWork(
  organizationId: string,
  id: string,
  event: EventRow,
  webhookId: string,
  token: string,
  leaseUntil: number,
  context: AttemptContext,
): ClaimedWork {
  return {
    organization_id: organizationId,
    id,
    event_id: event.id,
    webhook_id: webhookId,
    event_type: event.type,
    attempt_count: 0,
    next_trigger: 'scheduled',
    lease_token: token,
    lease_until: leaseUntil,
    body: event.body,
    ...context,
  };
}

/** New deliveries this process's worker took (see LocalDispatch), to hand over after the commit. */
export interface Handover {
  local: LocalDispatch;
  handed: ClaimedWork[];
}

export async function publishEvent(q: Queryable, organizationId: string, input: PublishInput, handover?: Handover | null): Promise<PublishResult> {
  if (!isEventType(input.type)) prepareEvent(organizationId, input, 0); // throws the 400
  if (input.idempotencyKey) {
    const found = await eventByIdempotencyKey(q, organizationId, input.idempotencyKey);
    if (found) return { event: found, created: false, deliveries: 0 };
  }
  const now = Date.now();
  const event = prepareEvent(organizationId, input, now);
  const { id, body } = event;
  await q.exec('INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    organizationId,
    id,
    input.type,
    input.idempotencyKey ?? null,
    body,
    now,
  ]);

  const webhooks = input.webhookId
    ? [{ id: input.webhookId }]
    : (await subscribedWebhooks(q, organizationId)).filter((w) => matchesEvent(w.events, input.type));
  const trigger = input.trigger ?? 'scheduled';
  const mine = handover && !input.webhookId ? await takeLocally(q, organizationId, event, webhooks, handover, now) : new Map<string, ClaimedWork>();
  const queued: string[] = [];
  for (let i = 0; i < webhooks.length; i += CHUNK) {
    const chunk = webhooks.slice(i, i + CHUNK);
    const values: unknown[] = [];
    for (const w of chunk) {
      const work = mine.get(w.id);
      if (!work) queued.push(w.id);
      values.push(
        organizationId,
        work?.id ?? newId('dlv', now),
        id,
        w.id,
        input.type,
        'pending',
        0,
        work?.lease_until ?? now,
        work?.lease_token ?? null,
        trigger,
        now,
        now,
      );
    }
    await q.exec(`INSERT INTO deliveries ${DELIVERY_COLUMNS} VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values);
  }
  if (queued.length) await q.notify(queued);
  return { event, created: true, deliveries: webhooks.length };
}

/**
 * Reserves what the local worker can take of an event's deliveries and builds their work (with
 * what the attempts need); they go into handover.handed once built, and the reservations are
 * given back if that fails, so the caller only has to give back what is in handover.handed when
 * the transaction fails.
 */
async function takeLocally(
  q: Queryable,
  organizationId: string,
  event: EventRow,
  webhooks: Array<{ id: string }>,
  handover: Handover,
  now: number,
): Promise<Map<string, ClaimedWork>> {
  const mine = new Map<string, ClaimedWork>();
  const taken = webhooks.filter((w) => handover.local.tryReserve(w.id));
  if (!taken.length) return mine;
  let context: Map<string, AttemptContext>;
  try {
    context = await loadAttemptContext(
      q,
      taken.map((w) => ({ organization_id: organizationId, webhook_id: w.id })),
      now,
    );
  } catch (e) {
    for (const w of taken) handover.local.unreserve(w.id);
    throw e;
  }
  const token = randomUUID();
  for (const w of taken) {
    const work = freshWork(
      organizationId,
      newId('dlv', now),
      event,
      w.id,
      token,
      now + handover.local.leaseMs,
      context.get(`${organizationId}/${w.id}`) ?? { url: '', secrets: [], failing_since: null, last_success_at: null },
    );
    mine.set(w.id, work);
    handover.handed.push(work);
  }
  return mine;
}

// PostgreSQL, many publishes at once: the events, their deliveries and the wake-up of the workers
// in one statement (atomic on its own, so no BEGIN/COMMIT round trips), the arrays unnested
// server-side so the statement text is the same for every batch. A repeated idempotency key
// (against an earlier event, or twice in the batch) inserts nothing: ON CONFLICT skips the event
// and the deliveries follow only the events that went in. Deliveries this process's worker takes
// at once are inserted already leased to it; the others wake the workers (NOTIFY, naming their
// webhooks).
const PUBLISH_MANY_PG = stablePlan(`WITH e AS (
  INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at)
  SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
  ON CONFLICT (organization_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id
), d AS (
  INSERT INTO deliveries (organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, lease_token, next_trigger, created_at, updated_at)
  SELECT v.organization_id, v.id, v.event_id, v.webhook_id, v.event_type, 'pending', 0, v.next_attempt_at, v.lease_token, 'scheduled', v.created_at, v.created_at
  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[])
    AS v(organization_id, id, event_id, webhook_id, event_type, next_attempt_at, lease_token, created_at)
  WHERE v.event_id IN (SELECT id FROM e)
  RETURNING webhook_id, lease_token
)
SELECT e.id, (
  SELECT pg_notify(?, CASE WHEN length(q.about) <= ${NOTIFY_PAYLOAD_MAX} THEN q.about ELSE '' END)
  FROM (SELECT string_agg(DISTINCT d.webhook_id, ',') AS about FROM d WHERE d.lease_token IS NULL AND ?::boolean) AS q WHERE q.about IS NOT NULL
) AS woke FROM e`);

/**
 * Wake-ups for what this process's publishes queue (deliveries its own worker did not take).
 * NOTIFY serializes commits: PostgreSQL holds a global lock from a transaction's first
 * notification until after its commit is flushed, so notifying transactions commit one at a time.
 * A publish that named its webhooks in every statement made every publish wait for the one
 * before it whenever one endpoint was too slow for the fast path (a hanging endpoint: about one
 * publish in ten of its events). So within a window, only the first publish names its webhooks
 * in its own statement; those of the later ones are named together by one NOTIFY when the window
 * ends (after their commits), which opens the next window. At most one notifying commit per
 * window from this process, and queued work is announced at most a window late (workers also
 * poll every second).
 */
export class WakeThrottle {
  private windowEndsAt = 0;
  private readonly deferred = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly notify: (about: string[]) => Promise<void>,
    private readonly onError: (e: unknown) => void,
    readonly windowMs = 20,
  ) {}

  /** Whether a publish that queues work now names its webhooks itself (and opens a window). */
  lead(now = Date.now()): boolean {
    if (now < this.windowEndsAt) return false;
    this.windowEndsAt = now + this.windowMs;
    return true;
  }

  /** The webhooks of a committed publish that did not lead: named when the window ends. */
  defer(hooks: Iterable<string>): void {
    for (const h of hooks) this.deferred.add(h);
    if (this.timer || !this.deferred.size) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.windowEndsAt - Date.now()));
  }

  private flush(): void {
    this.windowEndsAt = Date.now() + this.windowMs;
    void this.notifyDeferred();
  }

  /** Stopping: names what is deferred now. */
  async close(): Promise<void> {
    if (this.timer) await this.notifyDeferred();
  }

  private async notifyDeferred(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const about = [...this.deferred];
    this.deferred.clear();
    await this.notify(about).catch(this.onError);
  }
}

// What an attempt needs besides the event, for deliveries handed to this process's worker.
const HOOKS_FOR_DISPATCH = stablePlan(`SELECT w.id, w.events, w.url, w.failing_since, w.last_success_at,
  ARRAY(SELECT s.secret FROM webhook_secrets s
        WHERE s.organization_id = w.organization_id AND s.webhook_id = w.id AND (s.expires_at IS NULL OR s.expires_at > ?)
        ORDER BY s.id DESC) AS secrets
FROM webhooks w WHERE w.organization_id = ? AND w.enabled = 1 AND w.deleted_at IS NULL`);

interface DispatchHook {
  id: string;
  events: string[];
  /** Loaded when this process's worker may take deliveries. */
  context?: AttemptContext;
}

/**
 * The webhooks (with what an attempt needs: URL, secrets, health) that this process's publishes
 * dispatch to, per organization, kept for a second: at a steady rate of publishes that is one
 * query a second instead of one more round trip in every publish. A change made in this process
 * (WebhookService) takes effect at once; one made in another process when its announcement
 * arrives (Db.onChange), or within a second.
 */
export class DispatchHooks {
  private readonly byOrg = new Map<string, { at: number; hooks: DispatchHook[] }>();
  // Bumped by forget(): a load that started before a change does not keep its result.
  private readonly generation = new Map<string, number>();

  constructor(private readonly ttlMs = 1000) {}

  async get(q: Queryable, organizationId: string, now: number): Promise<DispatchHook[]> {
    const hit = this.byOrg.get(organizationId);
    if (hit && now - hit.at < this.ttlMs) return hit.hooks;
    const gen = this.generation.get(organizationId) ?? 0;
    const rows = await q.query<AttemptContext & { id: string; events: string }>(HOOKS_FOR_DISPATCH, [now, organizationId]);
    const hooks = rows.map(({ id, events, ...context }) => ({ id, events: patterns(events), context }));
    if ((this.generation.get(organizationId) ?? 0) === gen) {
      if (this.byOrg.size >= 10_000) this.byOrg.clear();
      this.byOrg.set(organizationId, { at: now, hooks });
    }
    return hooks;
  }

  forget(organizationId: string): void {
    this.byOrg.delete(organizationId);
    this.generation.set(organizationId, (this.generation.get(organizationId) ?? 0) + 1);
  }
}

export interface PublishManyItem {
  organizationId: string;
  input: PublishInput;
}

/**
 * The worker of this process, offered new deliveries as they are published: each one it reserves
 * is inserted leased to it and handed over once committed, with no claim in between.
 */
export interface LocalDispatch {
  readonly leaseMs: number;
  tryReserve(webhookId: string): boolean;
  unreserve(webhookId: string): void;
  adopt(work: ClaimedWork[]): void;
}

/**
 * Publishes many events with one statement whatever their number (plus the subscribed webhooks of
 * each organization, when not known from the last second: see DispatchHooks). An item that is
 * not valid gets its own error and does not stop the others. PostgreSQL only.
 */
export async function publishManyPg(
  q: Queryable & { readonly channel: string },
  items: PublishManyItem[],
  local: LocalDispatch | null,
  cache: DispatchHooks,
  wake?: WakeThrottle | null,
): Promise<Array<PublishResult | ApiError>> {
  const now = Date.now();
  const out: Array<PublishResult | ApiError> = [];
  const hooks = new Map<string, DispatchHook[]>();
  for (const { organizationId } of items) {
    if (hooks.has(organizationId)) continue;
    hooks.set(organizationId, local ? await cache.get(q, organizationId, now) : await subscribedWebhooks(q, organizationId));
  }
  const ev = { org: [] as string[], id: [] as string[], type: [] as string[], key: [] as Array<string | null>, body: [] as string[], at: [] as number[] };
  const dl = {
    org: [] as string[],
    id: [] as string[],
    event: [] as string[],
    hook: [] as string[],
    type: [] as string[],
    due: [] as number[],
    lease: [] as Array<string | null>,
    at: [] as number[],
  };
  const token = local ? randomUUID() : null;
  // What this process's worker takes is due again (for any worker) when its lease ends.
  const leaseUntil = local ? now + local.leaseMs : now;
  const handed: ClaimedWork[] = [];
  const queued = new Set<string>();
  for (const { organizationId, input } of items) {
    let event: EventRow;
    try {
      event = prepareEvent(organizationId, input, now);
    } catch (e) {
      out.push(e as ApiError);
      continue;
    }
    ev.org.push(organizationId);
    ev.id.push(event.id);
    ev.type.push(event.type);
    ev.key.push(input.idempotencyKey ?? null);
    ev.body.push(event.body);
    ev.at.push(now);
    let deliveries = 0;
    for (const w of hooks.get(organizationId)!) {
      if (!matchesEvent(w.events, input.type)) continue;
      const id = newId('dlv', now);
      const mine = local?.tryReserve(w.id) ?? false;
      dl.org.push(organizationId);
      dl.id.push(id);
      dl.event.push(event.id);
      dl.hook.push(w.id);
      dl.type.push(event.type);
      dl.at.push(now);
      dl.due.push(mine ? leaseUntil : now);
      dl.lease.push(mine ? token : null);
      if (mine) handed.push(freshWork(organizationId, id, event, w.id, token!, leaseUntil, w.context!));
      else queued.add(w.id);
      deliveries++;
    }
    out.push({ event, created: true, deliveries });
  }
  if (!ev.id.length) return out;
  const named = !wake || (queued.size > 0 && wake.lead(now));
  let rows: Array<{ id: string }>;
  try {
    rows = await q.query<{ id: string }>(PUBLISH_MANY_PG, [
      ev.org,
      ev.id,
      ev.type,
      ev.key,
      ev.body,
      ev.at,
      dl.org,
      dl.id,
      dl.event,
      dl.hook,
      dl.type,
      dl.due,
      dl.lease,
      dl.at,
      q.channel,
      named,
    ]);
  } catch (e) {
    for (const w of handed) local!.unreserve(w.webhook_id);
    throw e;
  }
  if (!named && queued.size) wake!.defer(queued);
  const inserted = new Set(rows.map((r) => r.id));
  if (handed.length) {
    const kept = handed.filter((w) => inserted.has(w.event_id));
    for (const w of handed) if (!inserted.has(w.event_id)) local!.unreserve(w.webhook_id);
    local!.adopt(kept);
  }
  for (const [i, r] of out.entries()) {
    if (r instanceof ApiError || inserted.has(r.event.id)) continue;
    // Its idempotency key was taken: the answer is the event that holds it, and nothing is queued.
    const { organizationId, input } = items[i];
    out[i] = { event: (await eventByIdempotencyKey(q, organizationId, input.idempotencyKey!))!, created: false, deliveries: 0 };
  }
  return out;
}
