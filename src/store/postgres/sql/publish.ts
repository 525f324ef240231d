// Publish: events, their deliveries and the wake-up of the workers in one statement (atomic on
// its own, so no BEGIN/COMMIT round trips outside a transaction), the arrays unnested server-side
// so the statement text is the same for every batch. A repeated idempotency key (against an
// earlier event, or twice in the batch) inserts nothing: ON CONFLICT skips the event and the
// deliveries follow only the events that went in. Deliveries leased to this process's worker go
// in with their lease; the others wake the workers (NOTIFY, naming their webhooks) when the last
// parameter is true.
//
// The events' bodies travel as one JSON array (JSON.stringify escapes them in one native pass;
// as a text[] literal, pg escaped each body with two regular expressions and copied it twice).
//
// Parameters: the events' columns as five arrays and their bodies as a JSON array; the
// deliveries' columns as ten arrays; the channel; notify.
import { CONTEXT_COLUMNS } from '../../sql/fragments.ts';
import { stablePlan } from '../../sql/runner.ts';
import { NOTIFY_PAYLOAD_MAX } from '../connection.ts';

export const PUBLISH = stablePlan(`WITH e AS (
  INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at)
  SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],
    ARRAY(SELECT b FROM json_array_elements_text(?::json) WITH ORDINALITY AS j(b, n) ORDER BY n), ?::bigint[])
  ON CONFLICT (organization_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id
), d AS (
  INSERT INTO deliveries (organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, lease_token, next_trigger, created_at, updated_at, ordering_key)
  SELECT v.organization_id, v.id, v.event_id, v.webhook_id, v.event_type, 'pending', 0, v.next_attempt_at, v.lease_token, v.next_trigger, v.created_at, v.created_at, v.ordering_key
  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[])
    AS v(organization_id, id, event_id, webhook_id, event_type, next_attempt_at, lease_token, next_trigger, created_at, ordering_key)
  WHERE v.event_id IN (SELECT id FROM e)
  RETURNING webhook_id, lease_token
)
SELECT e.id, (
  SELECT pg_notify(?, CASE WHEN length(q.about) <= ${NOTIFY_PAYLOAD_MAX} THEN q.about ELSE '' END)
  FROM (SELECT string_agg(DISTINCT d.webhook_id, ',') AS about FROM d WHERE d.lease_token IS NULL AND ?::boolean) AS q WHERE q.about IS NOT NULL
) AS woke FROM e`);

/** The enabled webhooks of an organization with what their attempts need. Parameters: now, organization. */
export const SUBSCRIBERS = stablePlan(`SELECT w.id, w.events, ${CONTEXT_COLUMNS},
  ARRAY(SELECT s.secret FROM webhook_secrets s
        WHERE s.organization_id = w.organization_id AND s.webhook_id = w.id AND (s.expires_at IS NULL OR s.expires_at > ?)
        ORDER BY s.id DESC) AS secrets
FROM webhooks w WHERE w.organization_id = ? AND w.enabled = 1 AND w.deleted_at IS NULL`);
