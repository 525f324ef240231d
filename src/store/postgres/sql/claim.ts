// Claim: due deliveries of enabled webhooks in due order, at most `perWebhook` of any one webhook
// less those it already runs here (a batch should not hold more of an endpoint than it may start
// now), picked from a bounded window of the due index, leased, and loaded with what their
// attempts need, in one statement (one round trip per batch instead of four).
//
// SKIP LOCKED lets many workers claim from one queue without waiting on each other; the outer
// WHERE re-checks rows another worker claimed meanwhile. An ordered delivery waits for the earlier
// ones of its object (inOrder): a claim sees them pending, leased or not, until their outcome is written.
//
// Parameters: now, webhooks left out (text[]), window rows, busy webhook ids (text[]), their
// counts (int[]), perWebhook, now, limit, the lease (now, factor, slack, lease end: see
// leaseForTimeout), lease token, now, now (live secrets).
import { leaseForTimeout } from '../../sql/claim-window.ts';
import { CLAIMED_COLUMNS, CONTEXT_COLUMNS, CONTEXT_SOURCE, inOrder, LIVE_SECRET, liveWebhook } from '../../sql/fragments.ts';

const DUE = `due AS (
  SELECT d.organization_id, d.id FROM deliveries d
  JOIN (
    SELECT organization_id, id, next_attempt_at FROM (
      SELECT c.organization_id, c.id, c.webhook_id, c.next_attempt_at, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.next_attempt_at) AS rn
      FROM (SELECT d.organization_id, d.id, d.webhook_id, d.next_attempt_at FROM deliveries d
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND ${liveWebhook('d')} AND NOT (d.webhook_id = ANY(?::text[])) AND ${inOrder('d')}
            ORDER BY d.next_attempt_at LIMIT ?) c
    ) ranked
    LEFT JOIN unnest(?::text[], ?::int[]) AS b(webhook_id, n) ON b.webhook_id = ranked.webhook_id
    WHERE ranked.rn <= ? - COALESCE(b.n, 0)
  ) r ON d.organization_id = r.organization_id AND d.id = r.id
  WHERE d.status = 'pending' AND d.next_attempt_at <= ?
  ORDER BY r.next_attempt_at
  LIMIT ?
  FOR UPDATE OF d SKIP LOCKED
)`;

const CLAIMED = `claimed AS (
  UPDATE deliveries d SET next_attempt_at = ${leaseForTimeout('d', (p) => `${p}::bigint`)}, lease_token = ?, updated_at = ?
  FROM due WHERE d.organization_id = due.organization_id AND d.id = due.id
  RETURNING ${CLAIMED_COLUMNS}
)`;

// The lookups are LATERAL with LIMIT 1 on purpose (LIMIT keeps the planner from flattening them
// into joins): it cannot estimate the claimed rows, and as joins it chose to read every event of
// the organization per claimed delivery, seconds per claim once there were a few thousand events.
export const CLAIM_WORK = `WITH ${DUE}, ${CLAIMED}
SELECT c.*, e.body, ${CONTEXT_COLUMNS},
  ARRAY(SELECT s.secret FROM webhook_secrets s
        WHERE s.organization_id = c.organization_id AND s.webhook_id = c.webhook_id AND ${LIVE_SECRET}
        ORDER BY s.id DESC) AS secrets
FROM claimed c
CROSS JOIN LATERAL (SELECT body FROM events e WHERE e.organization_id = c.organization_id AND e.id = c.event_id LIMIT 1) e
CROSS JOIN LATERAL (SELECT ${CONTEXT_SOURCE} FROM webhooks w WHERE w.organization_id = c.organization_id AND w.id = c.webhook_id LIMIT 1) w`;
