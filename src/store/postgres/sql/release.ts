// Release: claimed deliveries back to the queue, due now (parked, as disabling parks them, when
// their webhook is disabled), untouched otherwise. Joined to the keys by the primary key: a list
// of row values, `(organization_id, id, lease_token) IN ((…), …)`, becomes an OR of keys that only
// a bitmap scan looks up one by one, and the pool turns bitmap scans off (see PgConnection.open):
// it read every delivery of the organization instead, 115,000 rows and 200 ms to give back 70
// held for a hanging endpoint.
// CAST: PostgreSQL types a parameter inside CASE as text, which a bigint column refuses.
//
// Parameters: now, organization ids, delivery ids, lease tokens (text[] each).
import { liveWebhook } from '../../sql/fragments.ts';

export const RELEASE = `UPDATE deliveries d SET next_attempt_at = CASE WHEN ${liveWebhook('d')} THEN CAST(? AS bigint) ELSE NULL END, lease_token = NULL
FROM unnest(?::text[], ?::text[], ?::text[]) AS r(organization_id, id, lease_token)
WHERE d.organization_id = r.organization_id AND d.id = r.id AND d.lease_token = r.lease_token`;

/** The earliest due time after a time, webhooks left out. Parameters: after, left out (text[]). */
export const NEXT_DUE = `SELECT d.next_attempt_at AS at FROM deliveries d
WHERE d.status = 'pending' AND d.next_attempt_at > ? AND ${liveWebhook('d')} AND NOT (d.webhook_id = ANY(?::text[]))
ORDER BY d.next_attempt_at LIMIT 1`;
