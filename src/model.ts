// Terminology:
// - organization: a tenant. Every row of tenant data carries organization_id; every query filters by it.
// - API key: a bearer secret of one organization, stored only as a SHA-256 hash.
// - webhook: an endpoint URL subscribed to event types (exact, `group.*` or `*`), with signing secrets.
// - event: something that happened in the CRM, stored once with the exact JSON body every
//   delivery sends (`evt_…`, which is also the `webhook-id` header).
// - delivery: one event for one webhook (`dlv_…`), with a status (pending, succeeded, failed,
//   canceled) and the time of its next attempt.
// - attempt: one HTTP POST of a delivery (`att_…`), logged with its request, response and error class.
// - trigger: why an attempt ran: `scheduled` (first try and retries), `manual` (retry, recover),
//   `test`, `replay` (a replay or backfill task re-sent the event).
// - background task: a recover or replay of a time window (`task_…`), run by a worker process in
//   chunks, with its progress (done of total).
//
// Each closed set is written once, here, as a const array: its type, the API schema's enum
// (src/contract/) and every label map (Record<…, string> over the type, so a missing label does
// not compile) are derived from it. Event types come from the receiver SDK (src/catalog.ts).

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The status class of a delivery's last answer, as searches name it; `none`: no answer (a network error, or no attempt yet). */
export const RESPONSE_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
export type ResponseClass = (typeof RESPONSE_CLASSES)[number];

export const ATTEMPT_TRIGGERS = ['scheduled', 'manual', 'test', 'replay'] as const;
export type AttemptTrigger = (typeof ATTEMPT_TRIGGERS)[number];

/** What a background task does: re-queue failed deliveries (recover), or re-send events as new deliveries (replay). */
export const TASK_KINDS = ['recover', 'replay'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Why an attempt failed (null on success). */
export const ERROR_CLASSES = [
  'http_status',
  'timeout',
  'connection_refused',
  'connection_reset',
  'dns',
  'tls',
  'redirect',
  'blocked_address',
  'invalid_response',
  'network',
  /** 429 with Retry-After: retried then, without using up a retry or counting against the endpoint's health. */
  'throttled',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

// Per-webhook ordering of deliveries (SPEC §11): the list lives in the SDK, beside WebhookSettings.
export { ORDERINGS, type Ordering } from '@salesos/webhooks';

/** Why a webhook is disabled: by its owner (`manual`), or by the service after failing for too long. */
export const DISABLED_REASONS = ['manual', 'failing'] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/**
 * What an API key may do. `*` is every scope (keys made before scopes existed have it). Reading
 * the log (webhooks, deliveries, events) is `webhooks:read`; publishing is `events:write`.
 */
export const SCOPES = ['webhooks:read', 'webhooks:write', 'events:write', 'crm:read', 'crm:write'] as const;
export type Scope = (typeof SCOPES)[number];
export const ALL_SCOPES = '*';

export interface Auth {
  organizationId: string;
  keyId: string;
  /** The key's scopes; `['*']` for every scope. */
  scopes: readonly string[];
}

export const hasScope = (auth: Pick<Auth, 'scopes'>, scope: Scope): boolean => auth.scopes.includes(ALL_SCOPES) || auth.scopes.includes(scope);

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * A test event's envelope carries `"test":true` right before its data (events/publisher.ts
 * writes the head, whose fields are ids, a type and a time: `,"data":` first occurs where the data
 * starts). An attempt tells a test event by its body without parsing it.
 */
export const TEST_MARK = ',"test":true';
export function isTestBody(body: string): boolean {
  const data = body.indexOf(',"data":');
  return data > 0 && body.startsWith(TEST_MARK, data - TEST_MARK.length);
}

/**
 * How an attempt ended, as endpoint health counts it (GET /v1/webhooks/{id}/stats): the class of
 * its HTTP answer, or its error class. `http_status` is split into `4xx` and `5xx` (any other
 * status that is not a success counts as `invalid_response`). The rollup table has a column per
 * outcome (migration 0013): a new error class needs a column too (test/stats.test.ts checks).
 */
export type AttemptOutcome = '2xx' | '4xx' | '5xx' | Exclude<ErrorClass, 'http_status'>;
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = [
  '2xx',
  '4xx',
  '5xx',
  ...ERROR_CLASSES.filter((c): c is Exclude<ErrorClass, 'http_status'> => c !== 'http_status'),
];

export function attemptOutcome(a: { response_status: number | null; error_class: ErrorClass | null }): AttemptOutcome {
  if (a.error_class === null) return '2xx';
  if (a.error_class !== 'http_status') return a.error_class;
  const s = a.response_status ?? 0;
  return s >= 400 && s < 500 ? '4xx' : s >= 500 && s < 600 ? '5xx' : 'invalid_response';
}

/**
 * Upper bounds (ms, inclusive) of the latency histogram the rollups keep per minute: about 1.6×
 * apart from 1 ms to 30 s, and a last bucket for anything longer (24 buckets). A percentile read
 * from it lies in the same bucket as the true one.
 */
export const LATENCY_BOUNDS_MS = [1, 2, 3, 5, 8, 12, 20, 32, 50, 80, 128, 200, 320, 500, 800, 1280, 2000, 3200, 5000, 8000, 12800, 20000, 30000] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

export function latencyBucket(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]) return i;
  return LATENCY_BOUNDS_MS.length;
}

/**
 * Whether an attempt's duration says how fast the endpoint answers: it answered, or it timed out.
 * A refused or reset connection, a DNS or TLS error end before any answer could come.
 */
export const timesEndpoint = (o: AttemptOutcome): boolean =>
  o === '2xx' || o === '4xx' || o === '5xx' || o === 'timeout' || o === 'throttled' || o === 'redirect' || o === 'invalid_response';

/** Bucket sizes of a stats request (GET /v1/webhooks/{id}/stats). */
export const STATS_BUCKETS = ['1m', '5m', '15m', '1h', '1d'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];
