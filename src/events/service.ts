// Events as the API shows them, and publishing from outside the CRM.
import { conflict, notFound, validation } from '../errors.ts';
import { decodeCursor, pageLimit, toPage, type ListParams } from '../pagination.ts';
import { isUniqueViolation, type Db } from '../store/db.ts';
import { iso, type Auth, type Page } from '../model.ts';
import { isEventType, matchesEvent, EVENT_TYPES } from '../catalog.ts';
import {
  eventByIdempotencyKey,
  publishEvent,
  publishManyPg,
  WakeThrottle,
  type EventData,
  type EventRow,
  type Handover,
  type LocalDispatch,
} from './publish.ts';
import type { PostgresDb } from '../store/postgres.ts';
import { ApiError } from '../errors.ts';
import { sampleEventData } from './samples.ts';
import type { WebhookService } from '../webhooks/service.ts';
import type { Logger } from 'pino';

/** The API's view of an event; `data` when the caller has it already (no parse of the body). */
export function eventView(e: EventRow, data?: EventData) {
  return { id: e.id, type: e.type, created_at: iso(e.created_at)!, data: data ?? (JSON.parse(e.body) as { data: EventData }).data };
}
export type EventView = ReturnType<typeof eventView>;

type PublishRequest = { type: string; data: EventData; idempotencyKey?: string | null };
type PublishAnswer = { event: EventView; created: boolean };
interface WaitingPublish {
  auth: Auth;
  input: PublishRequest;
  resolve: (a: PublishAnswer) => void;
  reject: (e: unknown) => void;
}
const MAX_PUBLISH_BATCH = 64;
const MAX_PUBLISH_TXS = 4;

export class EventService {
  private readonly waiting: WaitingPublish[] = [];
  private running = 0;
  /** The worker of this process (role all), handed new deliveries directly on PostgreSQL. */
  localDispatch: LocalDispatch | null = null;

  /** PostgreSQL: how publishes announce the work they queue (see WakeThrottle). */
  private readonly wake: WakeThrottle | null;

  constructor(
    private readonly db: Db,
    private readonly webhooks: WebhookService,
    log?: Logger,
  ) {
    this.wake =
      db.dialect === 'postgres'
        ? new WakeThrottle(
            (about) => db.notify(about),
            (e) => log?.error({ err: e }, 'announcing queued deliveries failed; workers find them when they poll'),
          )
        : null;
  }

  /** Stopping: announces what publishes queued and did not announce yet. */
  async close(): Promise<void> {
    await this.wake?.close();
  }

  /**
   * Publishes an event; a repeated idempotency key answers the first event and queues nothing.
   * On PostgreSQL, publishes that arrive together share one transaction (one commit, one WAL
   * flush, instead of one each); the answer still comes only after the commit.
   */
  async publish(auth: Auth, input: PublishRequest): Promise<PublishAnswer> {
    if (this.db.dialect !== 'postgres') return this.publishOne(auth, input);
    return new Promise((resolve, reject) => {
      this.waiting.push({ auth, input, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.running < MAX_PUBLISH_TXS && this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_PUBLISH_BATCH);
      this.running++;
      void this.publishBatch(batch).finally(() => {
        this.running--;
        this.drain();
      });
    }
  }

  private async publishBatch(batch: WaitingPublish[]): Promise<void> {
    let results;
    try {
      results = await publishManyPg(
        this.db as PostgresDb,
        batch.map((p) => ({ organizationId: p.auth.organizationId, input: p.input })),
        this.localDispatch,
        this.webhooks.dispatch,
        this.wake,
      );
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      // The statement failed as a whole: each again on its own, with its own answer.
      await Promise.all(batch.map((p) => this.publishOne(p.auth, p.input).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r instanceof ApiError) p.reject(r);
      else p.resolve({ event: eventView(r.event, r.created ? p.input.data : undefined), created: r.created });
    });
  }

  private async publishOne(auth: Auth, input: PublishRequest): Promise<PublishAnswer> {
    // SQLite: the local worker takes what it can of the new deliveries (PostgreSQL does that in
    // publishManyPg); handed over once the transaction committed, given back if it did not.
    const local = this.db.dialect === 'sqlite' ? this.localDispatch : null;
    const handed: Handover['handed'] = [];
    try {
      const { event, created } = await this.db.tx((q) => publishEvent(q, auth.organizationId, input, local && { local, handed }));
      if (handed.length) local!.adopt(handed);
      return { event: eventView(event, created ? input.data : undefined), created };
    } catch (e) {
      for (const w of handed) local!.unreserve(w.webhook_id);
      // Two requests with one key at once: the loser's insert hits the unique index.
      if (input.idempotencyKey && isUniqueViolation(e)) {
        const found = await eventByIdempotencyKey(this.db, auth.organizationId, input.idempotencyKey);
        if (found) return { event: eventView(found), created: false };
      }
      throw e;
    }
  }

  async list(auth: Auth, params: ListParams & { type?: string }): Promise<Page<EventView>> {
    const limit = pageLimit(params);
    const before = decodeCursor(params.cursor);
    const rows = params.type
      ? await this.db.query<EventRow>(
          'SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND type = ? AND id < ? ORDER BY id DESC LIMIT ?',
          [auth.organizationId, params.type, before, limit + 1],
        )
      : await this.db.query<EventRow>(
          'SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
          [auth.organizationId, before, limit + 1],
        );
    return toPage(rows, limit, (e) => eventView(e));
  }

  async get(auth: Auth, id: string): Promise<EventView> {
    const rows = await this.db.query<EventRow>('SELECT organization_id, id, type, body, created_at FROM events WHERE organization_id = ? AND id = ?', [
      auth.organizationId,
      id,
    ]);
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
