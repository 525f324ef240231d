// Claim on SQLite: one writer, so the UPDATE is atomic and no two workers get the same row. Due
// deliveries of enabled webhooks in due order, at most `perWebhook` of any one webhook less those
// it already runs here, picked from a bounded window of the due index.
//
// Parameters: the lease (now, factor, slack, lease end: see leaseForTimeout), lease token, now,
// now, webhooks left out (JSON array), window rows, perWebhook, busy counts (JSON object), limit.
import { leaseForTimeout } from '../../sql/claim-window.ts';
import { inOrder, liveWebhook } from '../../sql/fragments.ts';

export const CLAIM = `UPDATE deliveries SET next_attempt_at = ${leaseForTimeout('deliveries')}, lease_token = ?, updated_at = ?
WHERE (organization_id, id) IN (
  SELECT organization_id, id FROM (
    SELECT c.organization_id, c.id, c.webhook_id, c.next_attempt_at, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.next_attempt_at) AS rn
    FROM (SELECT d.organization_id, d.id, d.webhook_id, d.next_attempt_at FROM deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND ${liveWebhook('d')}
            AND d.webhook_id NOT IN (SELECT value FROM json_each(?)) AND ${inOrder('d')}
          ORDER BY d.next_attempt_at LIMIT ?) c
  ) ranked WHERE rn <= ? - COALESCE((SELECT b.value FROM json_each(?) b WHERE b.key = ranked.webhook_id), 0)
  ORDER BY next_attempt_at
  LIMIT ?
)
RETURNING organization_id, id, event_id, webhook_id, event_type, attempt_count, throttled_count, next_trigger, lease_token, next_attempt_at AS lease_until, ordering_key`;

/** The earliest due time after a time, webhooks left out. Parameters: after, left out (JSON array). */
export const NEXT_DUE = `SELECT d.next_attempt_at AS at FROM deliveries d
WHERE d.status = 'pending' AND d.next_attempt_at > ? AND ${liveWebhook('d')} AND d.webhook_id NOT IN (SELECT value FROM json_each(?))
ORDER BY d.next_attempt_at LIMIT 1`;
