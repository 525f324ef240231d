import { Type, type Static } from '@sinclair/typebox';
import { EVENT_PATTERNS } from '../catalog.ts';
import { DISABLED_REASONS } from '../model.ts';
import { Id, Metadata, NullableTimestamp, Shape, StringEnum, Timestamp } from './common.ts';

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'Absolute http(s) URL (https only in production)',
  examples: ['https://example.com/hooks/salesos'],
});
const Events = Type.Array(StringEnum(EVENT_PATTERNS), {
  minItems: 1,
  maxItems: 100,
  description: 'Event types, `group.*` wildcards such as `lead.*`, or `*`',
  examples: [['lead.created', 'opportunity.*']],
});
const Secret = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/]{43}=$',
  description: '`whsec_` + base64 of 32 random bytes',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4H8wQc0ZJbs='],
});

export const WebhookCreate = Type.Object(
  {
    url: Url,
    events: Events,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(Metadata),
  },
  { title: 'WebhookCreate', additionalProperties: false },
);
export type WebhookCreate = Static<typeof WebhookCreate>;

export const WebhookUpdate = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(Metadata),
  },
  { title: 'WebhookUpdate', additionalProperties: false },
);
export type WebhookUpdate = Static<typeof WebhookUpdate>;

const webhookProps = {
  id: Id('wh'),
  url: Type.String({ examples: ['https://example.com/hooks/salesos'] }),
  description: Type.String(),
  events: Type.Array(StringEnum(EVENT_PATTERNS)),
  enabled: Type.Boolean(),
  disabled_reason: Type.Unsafe<(typeof DISABLED_REASONS)[number] | null>({
    type: ['string', 'null'],
    enum: [...DISABLED_REASONS, null],
    description: '`failing` when disabled automatically, `manual` when disabled by a user; null while enabled',
  }),
  metadata: Type.Record(Type.String(), Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const Webhook = Type.Object(webhookProps, {
  $id: 'Webhook',
  additionalProperties: false,
  description: 'A subscribed endpoint (its secret is not shown here)',
});
export type Webhook = Static<typeof Webhook>;

/** The create answer: the webhook with its first signing secret. */
export const WebhookCreated = Shape('WebhookCreated', { ...webhookProps, secret: Secret }, 'The new webhook with its signing secret, shown here once');

export type WebhookCreated = Static<typeof WebhookCreated>;

export const SecretAnswer = Shape('WebhookSecret', {
  secret: Secret,
  previous_secret_expires_at: Type.Optional(NullableTimestamp),
});
export const RotatedSecret = Shape('RotatedSecret', {
  secret: Secret,
  previous_secret_expires_at: Type.Unsafe<string>({ ...Timestamp, description: 'Until when the previous secret still signs beside the new one' }),
});
