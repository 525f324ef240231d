// Operational events (SPEC §11, group `operational`): webhook.failing, webhook.recovered,
// webhook.disabled and delivery.exhausted, about the organization's own webhooks. The delivery
// queue decides them in the transaction that writes the outcomes bringing them (one writer wins
// each: store/sql/health.ts) and hands them here, still in that transaction, to be published
// like any event: signed, retried, logged, filtered, to every enabled webhook of the organization
// that subscribes to them, but never to the webhook they are about. Deliveries of operational
// events bring no operational events themselves (the worker marks their outcomes quiet).
import type { Logger } from 'pino';
import type { EventType } from '../catalog.ts';
import { iso } from '../model.ts';
import type { CompleteOptions, OperationalNotice, Outbox, OutcomeRecord } from '../store/ports.ts';
import { webhookView } from '../webhooks/service.ts';
import type { Publisher, PublishItem } from './publisher.ts';
import { assertEmittable } from './schemas.ts';

/** webhook.failing is announced for a webhook at most once in this long. */
export const FAILING_NOTICE_EVERY_MS = 60 * 60_000;

const TYPES: Record<OperationalNotice['kind'], EventType> = {
  failing: 'webhook.failing',
  recovered: 'webhook.recovered',
  disabled: 'webhook.disabled',
  exhausted: 'delivery.exhausted',
};

/** The failed attempt of an outcome, as the events show it. */
function lastFailure(o: OutcomeRecord) {
  return {
    delivery_id: o.work.id,
    event_id: o.work.event_id,
    event_type: o.work.event_type,
    attempt_number: o.attempt.attempt_number,
    error_class: o.attempt.error_class ?? 'http_status',
    response_status: o.attempt.response_status,
    at: iso(o.attempt.started_at)!,
  };
}

/** The `data.object` of a notice's event: the webhook with its health (never its secret), or the delivery. */
export function noticeObject(n: OperationalNotice): Record<string, unknown> {
  if (n.kind === 'exhausted') {
    const d = n.delivery;
    return {
      id: d.id,
      object: 'delivery',
      event_id: d.event_id,
      event_type: d.event_type,
      webhook_id: d.webhook_id,
      webhook_url: n.webhookUrl,
      status: 'failed',
      attempt_count: d.attempt_count,
      next_attempt_at: null,
      last_attempt_at: iso(d.last_attempt_at),
      created_at: iso(d.created_at)!,
      updated_at: iso(d.updated_at)!,
      last_failure: lastFailure(n.cause),
    };
  }
  const w = n.webhook;
  const { id, ...view } = webhookView(w);
  return {
    id,
    object: 'webhook',
    ...view,
    failing_since: iso(w.failing_since),
    last_success_at: iso(w.last_success_at),
    last_failure: n.kind === 'recovered' ? null : lastFailure(n.cause),
  };
}

export class OperationalEvents implements CompleteOptions {
  readonly failingEveryMs = FAILING_NOTICE_EVERY_MS;

  constructor(
    private readonly publisher: Publisher,
    private readonly log: Logger,
    /** Checks each event against the schema of its type (not in production: a misfit is a bug, found by the tests). */
    private readonly check = true,
  ) {}

  async publish(notices: OperationalNotice[], outbox: Outbox): Promise<void> {
    const items: PublishItem[] = notices.map((n) => {
      const type = TYPES[n.kind];
      const data = { object: noticeObject(n) };
      if (this.check) assertEmittable(type, data);
      const about = n.kind === 'exhausted' ? n.delivery.webhook_id : n.webhook.id;
      return { organizationId: n.cause.work.organization_id, input: { type, data }, except: about };
    });
    // Queued, not taken by this process's worker at once: the transaction is the outcome writer's,
    // and its commit is the only announcement the workers need.
    const { results } = await this.publisher.stage(outbox, items, { local: false });
    for (const r of results) if (r instanceof Error) throw r;
  }

  failed(error: unknown, notices: OperationalNotice[]): void {
    this.log.error(
      { err: error, notices: notices.map((n) => `${n.kind} ${n.kind === 'exhausted' ? n.delivery.id : n.webhook.id}`) },
      'operational events could not be published; the outcomes were written without them',
    );
  }
}
