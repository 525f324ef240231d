// Events as the API shows them: publishing from outside the CRM, the event log, and test sends.
import { EVENT_TYPES, isEventType, isOperationalType, matchesEvent } from '../catalog.ts';
import { ApiError, conflict, notFound, validation, type ErrorCode, type ErrorDetail } from '../errors.ts';
import { isTestBody, iso, type Auth, type Page } from '../model.ts';
import { idRange, pageLimit, toPage, type ListParams, type TimeRange } from '../pagination.ts';
import type { EventRecord, EventStore } from '../store/ports.ts';
import type { WebhookService } from '../webhooks/service.ts';
import type { EventData, PublishInput, Publisher } from './publisher.ts';
import { canonical } from '../idempotency/service.ts';
import { sampleEventData } from './samples.ts';
import { checkEventData, eventTypeEntries, type EventTypeEntry } from './schemas.ts';

/** The API's view of an event; `data` when the caller has it already (no parse of the body). */
export function eventView(e: EventRecord, data?: EventData) {
  return {
    id: e.id,
    type: e.type,
    created_at: iso(e.created_at)!,
    ...(isTestBody(e.body) ? { test: true as const } : {}),
    data: data ?? (JSON.parse(e.body) as { data: EventData }).data,
  };
}
export type EventView = ReturnType<typeof eventView>;

/**
 * The JSON text of eventView(e) for an event this process just built (events/publisher.ts): its
 * stored body is the view plus `organization_id`, so the answer to a publish is that body less
 * the organization, and its data is not serialized a second time.
 */
export function eventViewJson(e: EventRecord): string {
  return e.body.replace(`,"organization_id":${JSON.stringify(e.organization_id)}`, '');
}

/** Operational events are SalesOS's own: a client publishes one only as a test event (to try a receiver). */
function refuseOperational(input: PublishInput): void {
  if (isOperationalType(input.type) && !input.test)
    throw validation(`${input.type} is emitted by SalesOS; publish it only as a test event (test: true)`, [
      { field: 'type', message: 'an operational event type, without test: true' },
    ]);
}

/** One event of a batch publish: 202 published, 200 a replay of its id, or an error of its own. */
export interface BatchItem {
  status: number;
  event: EventView | null;
  error: { code: ErrorCode; message: string; details: ErrorDetail[] } | null;
  /** The item as JSON, when its event was just published (see eventViewJson). */
  json?: string;
}

/** A publish's answer; `json` is the event's view as JSON text when it was just published. */
export interface PublishAnswer {
  event: EventView;
  created: boolean;
  json: string | null;
}

export class EventService {
  constructor(
    private readonly store: EventStore,
    private readonly publisher: Publisher,
    private readonly webhooks: WebhookService,
  ) {}

  /** The catalog, with the schema and an example of each type. */
  types(): EventTypeEntry[] {
    return eventTypeEntries();
  }

  /**
   * Refuses (429) a publish of an organization that has as many events waiting to be stored in
   * this process as it may (SALESOS_PUBLISH_QUEUE): asked before the request's body is read, so a
   * flood's excess costs no parsing, no validation and no idempotency key.
   */
  admit(auth: Auth): void {
    this.publisher.refuseBeyondBound(auth.organizationId);
  }

  /**
   * Publishes an event whose data fits the schema of its type. A repeated idempotency key answers
   * the first event and queues nothing; the same key with another type or data is a 409.
   */
  async publish(auth: Auth, input: PublishInput): Promise<PublishAnswer> {
    refuseOperational(input);
    if (isEventType(input.type)) checkEventData(input.type, input.data);
    const { event, created } = await this.publisher.publish({ organizationId: auth.organizationId, input }, { admit: true });
    if (created) return { event: eventView(event, input.data), created, json: eventViewJson(event) };
    const first = eventView(event);
    if (first.type !== input.type || canonical(first.data) !== canonical(input.data)) {
      throw new ApiError(
        409,
        'idempotency_conflict',
        `The idempotency key ${input.idempotencyKey} was used for another event (${first.id}) with other type or data`,
        [{ field: 'id', message: 'already used for another event' }],
      );
    }
    return { event: first, created, json: null };
  }

  /**
   * Publishes up to 100 events in one write: each is checked against the schema of its type
   * first (any invalid one is a 400 naming `body.events.<i>…`, and nothing is stored), then all are
   * stored together. Each is idempotent on its own `id`: a repeat answers the first event
   * (`replayed`), the same id with other type or data answers an idempotency_conflict for that
   * item alone.
   */
  async publishBatch(auth: Auth, inputs: PublishInput[]): Promise<BatchItem[]> {
    const details: ErrorDetail[] = [];
    inputs.forEach((input, i) => {
      try {
        refuseOperational(input);
        if (isEventType(input.type)) checkEventData(input.type, input.data);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        for (const d of e.details) details.push({ ...d, field: `body.events.${i}.${d.field ?? 'data'}` });
      }
    });
    if (details.length) throw validation(`Invalid events: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`.slice(0, 1000), details.slice(0, 50));
    const results = await this.publisher.publishTogether(inputs.map((input) => ({ organizationId: auth.organizationId, input })));
    return results.map((r, i): BatchItem => {
      if (r instanceof ApiError) return { status: r.status, event: null, error: r.toBody().error };
      if (r.created)
        return { status: 202, event: eventView(r.event, inputs[i].data), error: null, json: `{"status":202,"event":${eventViewJson(r.event)},"error":null}` };
      const first = eventView(r.event);
      if (first.type !== inputs[i].type || canonical(first.data) !== canonical(inputs[i].data))
        return {
          status: 409,
          event: null,
          error: {
            code: 'idempotency_conflict',
            message: `The id ${inputs[i].idempotencyKey} was used for another event (${first.id}) with other type or data`,
            details: [],
          },
        };
      return { status: 200, event: first, error: null };
    });
  }

  /** The organization's events, newest first; `type` may repeat, `object_id` is `data.object.id`. */
  async list(auth: Auth, params: ListParams & TimeRange & { type?: string[]; object_id?: string }): Promise<Page<EventView>> {
    const limit = pageLimit(params);
    const rows = await this.store.list(auth.organizationId, { ...idRange('evt', params), types: params.type, objectId: params.object_id, limit: limit + 1 });
    return toPage(rows, limit, (e) => eventView(e));
  }

  async get(auth: Auth, id: string): Promise<EventView> {
    const e = await this.store.get(auth.organizationId, id);
    if (!e) throw notFound('event', id);
    return eventView(e);
  }

  /** The exact JSON body every delivery of the event sends (what its signatures cover). */
  async body(auth: Auth, id: string): Promise<string> {
    const e = await this.store.get(auth.organizationId, id);
    if (!e) throw notFound('event', id);
    return e.body;
  }

  /** Events with ids above `afterId`, oldest first (the listen stream). */
  after(organizationId: string, afterId: string, limit: number): Promise<EventRecord[]> {
    return this.store.after(organizationId, afterId, limit);
  }

  /** Sends a sample event of a type to one webhook now: a real, logged delivery. */
  async sendTest(auth: Auth, webhookId: string, eventType?: string): Promise<{ event: EventView; delivery_id: string }> {
    const hook = await this.webhooks.get(auth, webhookId);
    if (!hook.enabled) throw conflict('This webhook is disabled; enable it to send a test event');
    const type = eventType ?? EVENT_TYPES.find((t) => matchesEvent(hook.events, t)) ?? EVENT_TYPES[0];
    if (!isEventType(type)) throw validation(`Unknown event type ${type}`, [{ field: 'event_type', message: 'unknown event type' }]);
    const data = sampleEventData(type);
    const { event, deliveryIds } = await this.publisher.publish({
      organizationId: auth.organizationId,
      input: { type, data, test: true },
      only: webhookId,
      trigger: 'test',
    });
    return { event: eventView(event, data), delivery_id: deliveryIds[0] };
  }
}
