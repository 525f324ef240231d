// Terminology:
// - organization: a tenant. Every row of tenant data carries organization_id; every query filters by it.
// - API key: a bearer secret of one organization, stored only as a SHA-256 hash.
// - webhook: an endpoint URL subscribed to event types (exact, `group.*` or `*`), with signing secrets.
// - event: something that happened in the CRM, stored once with the exact JSON body every
//   delivery sends (`evt_…`, which is also the `webhook-id` header).
// - delivery: one event for one webhook (`dlv_…`), with a status (pending, succeeded, failed,
//   canceled) and the time of its next attempt.
// - attempt: one HTTP POST of a delivery (`att_…`), logged with its request, response and error class.
// - trigger: why an attempt ran: `scheduled` (first try and retries), `manual` (retry), `test`.
//
// Each closed set is written once, here, as a const array: its type, the API schema's enum
// (src/contract/) and every label map (Record<…, string> over the type, so a missing label does
// not compile) are derived from it. Event types come from the receiver SDK (src/catalog.ts).

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The status class of a delivery's last answer, as searches name it; `none`: no answer (a network error, or no attempt yet). */
export const RESPONSE_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
export type ResponseClass = (typeof RESPONSE_CLASSES)[number];

export const ATTEMPT_TRIGGERS = ['scheduled', 'manual', 'test'] as const;
export type AttemptTrigger = (typeof ATTEMPT_TRIGGERS)[number];

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
