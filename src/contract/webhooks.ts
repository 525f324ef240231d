import { Type, type Static } from '@sinclair/typebox';
import { Metadata, NullableTimestamp, Timestamp } from './common.ts';

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'Absolute http(s) URL (https only in production)',
  examples: ['https://example.com/hooks/salesos'],
});
const Events = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 100,
  description: 'Event types, `group.*` wildcards such as `lead.*`, or `*`',
  examples: [['lead.created', 'opportunity.*']],
});

export const WebhookCreate = Type.Object(
  {
    url: Url,
    events: Events,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: false },
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
  { additionalProperties: false },
);
export type WebhookUpdate = Static<typeof WebhookUpdate>;

export const Webhook = Type.Object(
  {
    id: Type.String({ examples: ['wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD'] }),
    url: Type.String(),
    description: Type.String(),
    events: Type.Array(Type.String()),
    enabled: Type.Boolean(),
    disabled_reason: Type.Union([Type.String(), Type.Null()], { description: '`failing` when disabled automatically' }),
    metadata: Type.Record(Type.String(), Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    secret: Type.Optional(Type.String({ description: 'Only in the create answer', examples: ['whsec_…'] })),
  },
  { $id: 'Webhook' },
);
export type Webhook = Static<typeof Webhook>;

export const SecretAnswer = Type.Object({
  secret: Type.String({ description: '`whsec_` + base64 of 32 random bytes' }),
  previous_secret_expires_at: Type.Optional(NullableTimestamp),
});
