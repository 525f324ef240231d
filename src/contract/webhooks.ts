import { Type, type Static } from '@sinclair/typebox';
import { FILTER_LIMITS, FILTER_OPERATORS, type Filter as FilterExpression } from '@salesos/webhooks';
import { EVENT_PATTERNS } from '../catalog.ts';
import { DISABLED_REASONS, ORDERINGS } from '../model.ts';
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

// Delivery settings (SPEC §11). The schemas hold the shapes; the grammar and the bounds that
// depend on configuration are checked by src/webhooks/policy.ts, each error naming body.<field>.
const RetrySchedule = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  maxLength: 200,
  description:
    'Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.',
  examples: ['10s,1m,10m,1h'],
});
const Timeout = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  maxLength: 20,
  description: 'Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).',
  examples: ['10s'],
});
const MaxInFlight = Type.Unsafe<number | null>({
  type: ['integer', 'null'],
  minimum: 1,
  description: 'Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.',
  examples: [4],
});
const RateLimit = Type.Unsafe<number | null>({
  type: ['integer', 'null'],
  minimum: 1,
  maximum: 10000,
  description: 'Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.',
  examples: [50],
});
const SecretHeaderInput = Type.Object(
  { value: Type.Optional(Type.String({ description: 'The value; leave out, or send the mask `••••`, to keep the stored one' })), secret: Type.Literal(true) },
  { additionalProperties: false },
);
const HeadersInput = Type.Unsafe<Record<string, string | { value?: string; secret: true }> | null>({
  type: ['object', 'null'],
  maxProperties: 20,
  additionalProperties: { anyOf: [Type.String({ maxLength: 1024 }), SecretHeaderInput] },
  description:
    'Headers sent with every attempt (up to 20; values at most 1 KiB). `{"value": "…", "secret": true}` masks a value in answers and in the attempt log. Hop-by-hop, framing and signature headers (`webhook-*`, `svix-*`, `x-webhook-*`) may not be set. Replaces the whole set; null removes them.',
  examples: [{ 'X-Tenant': 'acme', Authorization: { value: 'Bearer s3cr3t', secret: true } }],
});
// The grammar is checked by parseFilter (src/webhooks/filter.ts), which names the JSON pointer of
// a problem; a schema that spelled the recursion out would refuse first, with anyOf's every-branch
// errors instead. The description carries the grammar to the API document.
const Filter = Type.Unsafe<FilterExpression | null>({
  type: ['object', 'null'],
  additionalProperties: true,
  description: [
    'Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types.',
    'A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`),',
    'or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`.',
    `Operators: ${FILTER_OPERATORS.map((o) => `\`${o}\``).join(', ')}; comparisons are type-strict (a number never equals a string).`,
    `At most ${FILTER_LIMITS.maxDepth} levels deep, ${FILTER_LIMITS.maxNodes} nodes and ${FILTER_LIMITS.maxBytes} bytes of JSON; an invalid filter is a 400 naming its JSON path (\`body.filter.all[1].op\`).`,
  ].join(' '),
  examples: [
    { path: 'data.object.amount', op: 'gte', value: 10000 },
    {
      all: [{ path: 'data.object.stage', op: 'in', value: ['negotiation', 'proposal'] }, { not: { path: 'data.object.currency', op: 'eq', value: 'USD' } }],
    },
  ],
});
const Ordering = StringEnum(ORDERINGS, {
  description: '`per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.',
});
const settingsInput = {
  retry_schedule: Type.Optional(RetrySchedule),
  timeout: Type.Optional(Timeout),
  max_in_flight: Type.Optional(MaxInFlight),
  rate_limit: Type.Optional(RateLimit),
  headers: Type.Optional(HeadersInput),
  filter: Type.Optional(Filter),
  ordering: Type.Optional(
    Type.Unsafe<(typeof ORDERINGS)[number] | null>({ type: ['string', 'null'], enum: [...ORDERINGS, null], description: Ordering.description }),
  ),
};

export const WebhookCreate = Type.Object(
  {
    url: Url,
    events: Events,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(Metadata),
    ...settingsInput,
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
    ...settingsInput,
  },
  { title: 'WebhookUpdate', additionalProperties: false },
);
export type WebhookUpdate = Static<typeof WebhookUpdate>;

export const SecretRotationInput = Type.Object(
  {
    expire_previous_now: Type.Optional(
      Type.Boolean({
        description: 'End the previous secret at once instead of after SALESOS_SECRET_GRACE (24 h by default): for a leaked secret. Default false',
      }),
    ),
  },
  { title: 'SecretRotation', additionalProperties: false, description: 'Optional: send no body, or {} for the default grace' },
);
export type SecretRotationInput = Static<typeof SecretRotationInput>;

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
  retry_schedule: RetrySchedule,
  timeout: Timeout,
  max_in_flight: MaxInFlight,
  rate_limit: RateLimit,
  headers: Type.Unsafe<Record<string, string | { value: string; secret: true }> | null>({
    type: ['object', 'null'],
    additionalProperties: {
      anyOf: [
        Type.String(),
        Type.Object({ value: Type.String({ description: 'Masked: `••••`' }), secret: Type.Literal(true) }, { additionalProperties: false }),
      ],
    },
    description: 'Headers sent with every attempt; secret values masked',
  }),
  filter: Filter,
  ordering: Ordering,
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
export const SigningSecret = Shape(
  'SigningSecret',
  {
    id: Id('whs', 'The id of the secret (its value is never listed)'),
    created_at: Type.Unsafe<string>({ ...Timestamp, description: 'When it began to sign' }),
    expires_at: Type.Unsafe<string | null>({
      ...NullableTimestamp,
      description: 'When it stops signing (the end of its grace); null for the current secret, which signs until the next rotation',
    }),
  },
  'A secret that signs deliveries now',
);
export const SigningSecrets = Shape('SigningSecrets', {
  data: Type.Array(SigningSecret, { description: 'Newest first: the current secret, then those still in their grace' }),
});

export const RotatedSecret = Shape('RotatedSecret', {
  secret: Secret,
  previous_secret_expires_at: Type.Unsafe<string>({ ...Timestamp, description: 'Until when the previous secret still signs beside the new one' }),
});
