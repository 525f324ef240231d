// SQL pieces more than one statement needs, written once.
import { policyColumns } from './rows.ts';

/** A secret of webhook_secrets `s` that signs at the time bound to its `?`. */
export const LIVE_SECRET = '(s.expires_at IS NULL OR s.expires_at > ?)';

/**
 * Whether the webhook of a delivery row (`alias`) is enabled and not deleted. A scalar subquery
 * on purpose: as a join, the planner may start from the (few) webhooks and read every pending
 * delivery of each, then sort; with a backlog that is a full scan per claim (100,000 pending:
 * 750 ms instead of 2.5 ms). As a per-row filter, the scan follows deliveries_due in due order
 * and stops after LIMIT rows.
 */
export const liveWebhook = (alias: string) =>
  `(SELECT w.enabled = 1 AND w.deleted_at IS NULL FROM webhooks w WHERE w.organization_id = ${alias}.organization_id AND w.id = ${alias}.webhook_id)`;

/**
 * Whether a delivery row (`alias`) may be claimed as far as its order goes: it has no ordering key,
 * or no earlier delivery of its webhook with the same key is still pending (deliveries_ordering).
 */
export const inOrder = (alias: string) =>
  `(${alias}.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.organization_id = ${alias}.organization_id AND p.webhook_id = ${alias}.webhook_id AND p.ordering_key = ${alias}.ordering_key AND p.status = 'pending' AND p.ordering_key IS NOT NULL AND p.id < ${alias}.id))`;

/** The webhook columns an attempt needs (AttemptContext, secrets aside), of webhooks `w`; rows through policyFields(). */
export const CONTEXT_COLUMNS = `w.url, w.failing_since, w.last_success_at, ${policyColumns('w')}`;

/** The same, unqualified (a subquery's select list). */
export const CONTEXT_SOURCE = `url, failing_since, last_success_at, ${policyColumns()}`;

export const DELIVERY_COLUMNS =
  'organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, last_attempt_at, lease_token, created_at, updated_at';

export const ATTEMPT_COLUMNS =
  'id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message';

export const EVENT_COLUMNS = 'organization_id, id, type, body, created_at';

/** The columns a claim answers (Claimed), of deliveries `d`. */
export const CLAIMED_COLUMNS =
  'd.organization_id, d.id, d.event_id, d.webhook_id, d.event_type, d.attempt_count, d.throttled_count, d.next_trigger, d.lease_token, d.next_attempt_at AS lease_until, d.ordering_key';
