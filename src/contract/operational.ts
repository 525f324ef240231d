// The objects of the operational events (SPEC §11, group `operational`): a webhook with its health
// (webhook.failing, webhook.recovered, webhook.disabled) and a delivery that was given up
// (delivery.exhausted). The SDK's WebhookHealth and ExhaustedDelivery describe the same shapes.
import { Type } from '@sinclair/typebox';
import { Id, Nullable, NullableTimestamp, Timestamp } from './common.ts';
import { EventTypeName } from './deliveries.ts';
import { Webhook } from './webhooks.ts';

export const LastFailure = Type.Object(
  {
    delivery_id: Id('dlv'),
    event_id: Id('evt'),
    event_type: EventTypeName,
    attempt_number: Type.Integer({ minimum: 1 }),
    error_class: Type.String({ description: 'Why the attempt failed: `http_status`, `timeout`, `connection_refused`, `dns`, …' }),
    response_status: Nullable(Type.Integer({ description: 'The status the endpoint answered; null when it did not answer' })),
    at: Type.Unsafe<string>({ ...Timestamp, description: 'When the attempt started' }),
  },
  { additionalProperties: false, description: 'The failed attempt that brought the event' },
);

export const WebhookHealth = Type.Object(
  {
    ...Webhook.properties,
    // As the SDK types it (a subscription may name patterns later versions add).
    events: Type.Array(Type.String(), { description: 'Event types, `group.*` wildcards or `*`' }),
    object: Type.Literal('webhook'),
    failing_since: Type.Unsafe<string | null>({ ...NullableTimestamp, description: 'When its current run of failures started; null once healthy' }),
    last_success_at: Type.Unsafe<string | null>({ ...NullableTimestamp, description: 'Its last recorded successful delivery' }),
    last_failure: Type.Union([LastFailure, Type.Null()], { description: 'The failed attempt that brought the event; null on webhook.recovered' }),
  },
  { $id: 'WebhookHealth', additionalProperties: false, description: 'A webhook (never its secret) with its health, as operational events carry it' },
);

export const ExhaustedDelivery = Type.Object(
  {
    id: Id('dlv'),
    object: Type.Literal('delivery'),
    event_id: Id('evt'),
    event_type: EventTypeName,
    webhook_id: Id('wh'),
    webhook_url: Type.String(),
    status: Type.Literal('failed'),
    attempt_count: Type.Integer({ minimum: 1 }),
    next_attempt_at: Type.Unsafe<string | null>({
      ...NullableTimestamp,
      description: 'Always null: the delivery is not attempted again (unless retried by hand)',
    }),
    last_attempt_at: NullableTimestamp,
    created_at: Timestamp,
    updated_at: Timestamp,
    last_failure: LastFailure,
  },
  { $id: 'ExhaustedDelivery', additionalProperties: false, description: 'A delivery that reached `failed`: every attempt of its retry schedule failed' },
);

/** The objects of operational events, for the OpenAPI document's components. */
export const OPERATIONAL_OBJECTS = [WebhookHealth, ExhaustedDelivery];
