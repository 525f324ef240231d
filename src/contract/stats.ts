// Endpoint health: GET /v1/webhooks/{id}/stats (src/delivery/stats.ts).
import { Type } from '@sinclair/typebox';
import { ATTEMPT_OUTCOMES, STATS_BUCKETS } from '../model.ts';
import { Shape, StringEnum, Timestamp } from './common.ts';

export const StatsQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Start of the range (ISO-8601), taken to its minute; default: 24 hours before `until`',
        examples: ['2026-11-26T14:00:00Z'],
      }),
    ),
    until: Type.Optional(
      Type.String({ format: 'date-time', description: 'End of the range (ISO-8601, exclusive); default: now', examples: ['2026-11-26T16:00:00Z'] }),
    ),
    bucket: Type.Optional(
      StringEnum(STATS_BUCKETS, { description: 'Bucket size; default: the finest that gives at most 60 buckets. At most 1,440 buckets per request.' }),
    ),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Latency = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: 'Milliseconds, from a log-scale histogram (buckets about 1.6× apart from 1 ms to 30 s); null when no attempt got an answer or timed out',
});

const figures = {
  delivered: Type.Integer({ minimum: 0, description: 'Deliveries that reached `succeeded`' }),
  failed: Type.Integer({ minimum: 0, description: 'Deliveries that reached `failed` (retries used up)' }),
  attempts: Type.Integer({ minimum: 0, description: 'Attempts made' }),
  attempts_by_outcome: Type.Object(Object.fromEntries(ATTEMPT_OUTCOMES.map((o) => [o, Count])), {
    title: 'AttemptsByOutcome',
    additionalProperties: false,
    description: 'Attempts by the class of their answer (`2xx`, `4xx`, `5xx`) or their error class',
  }),
  latency_p50_ms: Latency,
  latency_p95_ms: Latency,
};

export const StatsFigures = Shape('StatsFigures', figures, 'What happened at the webhook over a span of time');

export const WebhookStats = Shape(
  'WebhookStats',
  {
    webhook_id: Type.String(),
    since: Timestamp,
    until: Timestamp,
    bucket: StringEnum(STATS_BUCKETS),
    buckets: Type.Array(Shape('StatsBucket', { start: Timestamp, ...figures }), { description: 'Every bucket of the range, oldest first, empty ones too' }),
    totals: StatsFigures,
    success_rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Successful (2xx) attempts among all attempts but those answered 429 with Retry-After; null when there were none',
    }),
  },
  "A webhook's health over a time range, rolled up per minute as attempts finish",
);
