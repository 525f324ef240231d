// The delivery log: deliveries and their attempts as users browse them, and the manual actions
// on them (retry now; recover is a background task, src/tasks/).
import { conflict, notFound } from '../errors.ts';
import { iso, type Auth, type DeliveryStatus, type Page, type ResponseClass } from '../model.ts';
import { idRange, pageLimit, toPage, type ListParams, type TimeRange } from '../pagination.ts';
import type { AttemptRecord, DeliveryLog, DeliveryRecord, LastDelivery } from '../store/ports.ts';
import { expandRequestHeaders } from './signer.ts';

export function deliveryView(d: DeliveryRecord) {
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
export function attemptView(a: AttemptRecord, d: Pick<DeliveryRecord, 'event_id' | 'event_type'>) {
  return {
    id: a.id,
    attempt_number: a.attempt_number,
    trigger: a.trigger,
    started_at: iso(a.started_at)!,
    duration_ms: a.duration_ms,
    request_headers: expandRequestHeaders(a.request_headers, { eventId: d.event_id, eventType: d.event_type, attempt: a.attempt_number }),
    response_status: a.response_status,
    response_headers: a.response_headers,
    response_body: a.response_body,
    error_class: a.error_class,
    error_message: a.error_message,
  };
}

export interface DeliveryFilter extends ListParams {
  status?: DeliveryStatus;
  event_type?: string;
}

/** GET /v1/deliveries: every field narrows the search; `status` and `event_type` may repeat. */
export interface DeliverySearch extends ListParams, TimeRange {
  webhook_id?: string;
  status?: DeliveryStatus[];
  event_type?: string[];
  event_id?: string;
  response_status_class?: ResponseClass;
}

export class DeliveryService {
  constructor(private readonly log: DeliveryLog) {}

  async listForWebhook(auth: Auth, webhookId: string, filter: DeliveryFilter): Promise<Page<DeliveryView>> {
    const { status, event_type, ...page } = filter;
    return this.search(auth, { ...page, webhook_id: webhookId, status: status ? [status] : undefined, event_type: event_type ? [event_type] : undefined });
  }

  /** The organization's delivery log, across its webhooks, newest first. */
  async search(auth: Auth, q: DeliverySearch): Promise<Page<DeliveryView>> {
    const limit = pageLimit(q);
    const rows = await this.log.search(auth.organizationId, {
      ...idRange('dlv', q),
      webhookId: q.webhook_id,
      statuses: q.status,
      eventTypes: q.event_type,
      eventId: q.event_id,
      responseClass: q.response_status_class,
      limit: limit + 1,
    });
    return toPage(rows, limit, deliveryView);
  }

  async listForEvent(auth: Auth, eventId: string): Promise<DeliveryView[]> {
    return (await this.log.listForEvent(auth.organizationId, eventId)).map(deliveryView);
  }

  async get(auth: Auth, id: string) {
    const d = await this.log.get(auth.organizationId, id);
    if (!d) throw notFound('delivery', id);
    const attempts = await this.log.attempts(auth.organizationId, id);
    return { ...deliveryView(d), attempts: attempts.map((a) => attemptView(a, d)) };
  }

  /** One more attempt now, whatever the delivery's status (but not while one is under way). */
  async retry(auth: Auth, id: string): Promise<DeliveryView> {
    const answer = await this.log.retry(auth.organizationId, id, Date.now());
    if ('ok' in answer) return deliveryView(answer.ok);
    if (answer.refused === 'not_found') throw notFound('delivery', id);
    if (answer.refused === 'canceled') throw conflict('This delivery was canceled (its webhook was deleted)');
    throw conflict('An attempt of this delivery is under way');
  }

  /** Each webhook's newest delivery (the dashboard's list). */
  lastDeliveries(auth: Auth, webhookIds: string[]): Promise<Map<string, LastDelivery>> {
    return this.log.lastDeliveries(auth.organizationId, webhookIds);
  }
}
