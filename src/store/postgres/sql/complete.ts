// Complete: the whole batch of outcomes in one statement, atomic on its own: the deliveries whose
// lease still holds are updated, and their attempts logged. A batch costs one round trip (plus a
// transaction around the webhook bookkeeping when there is some).
// The batch is one JSON parameter, a row per outcome under short keys (a key left out is NULL),
// the header sets as nested objects that PostgreSQL hands on as their JSON text: one
// JSON.stringify instead of sixteen array literals, and no header set escaped twice (pg's
// array encoding had been some 5% of the service's CPU at saturation).
// Planned for each batch, not once per connection (no stablePlan): a plan made while `deliveries`
// held a few rows joined it by a sequential scan, and kept doing so as it grew (with 10 deliveries
// per batch, 557 CPU-ms of PostgreSQL per 1,000 deliveries instead of 115; test/postgres-plans).
//
// Parameters: the batch (JSON), now. Answers the deliveries written.
import { ROLLUP_CTE } from '../../sql/stats.ts';

export const COMPLETE = `WITH v AS (
  SELECT o AS organization_id, i AS id, l AS lease_token, s AS status, n AS attempt_count, tc AS throttled_count, na AS next_attempt_at, sa AS started_at,
    ai AS attempt_id, t AS trigger, d AS duration_ms, rq AS request_headers, rs AS response_status, rh AS response_headers,
    rb AS response_body, ec AS error_class, em AS error_message
  FROM json_to_recordset(?::json) AS x(o text, i text, l text, s text, n int, tc int, na bigint, sa bigint, ai text, t text, d int, rq text, rs int, rh text, rb text, ec text, em text)
), won AS (
  UPDATE deliveries d SET status = v.status, attempt_count = v.attempt_count, throttled_count = v.throttled_count, next_attempt_at = v.next_attempt_at,
    last_attempt_at = v.started_at, lease_token = NULL, next_trigger = 'scheduled', updated_at = ?
  FROM v WHERE d.organization_id = v.organization_id AND d.id = v.id AND d.lease_token = v.lease_token
  RETURNING d.organization_id, d.id
)
INSERT INTO attempts (organization_id, id, delivery_id, attempt_number, trigger, started_at, duration_ms, request_headers, response_status, response_headers, response_body, error_class, error_message)
SELECT v.organization_id, v.attempt_id, v.id, v.attempt_count, v.trigger, v.started_at, v.duration_ms, v.request_headers, v.response_status, v.response_headers, v.response_body, v.error_class, v.error_message
FROM v JOIN won ON won.organization_id = v.organization_id AND won.id = v.id
RETURNING organization_id, delivery_id`;

// The same, adding the batch's endpoint health rollup (src/store/sql/stats.ts) in the same
// statement: one round trip still. Parameters: the batch (JSON), now, the rollup rows (JSON), the
// number of outcomes in the batch (the rollup counts only when every one of them is written).
// (When a lease ran out, the caller adds the rollup of what was written by a second statement.)
export const COMPLETE_AND_ROLL_UP = COMPLETE.replace('\n)\nINSERT INTO attempts', `\n), ${ROLLUP_CTE}\nINSERT INTO attempts`);
if (COMPLETE_AND_ROLL_UP === COMPLETE) throw new Error('complete.ts: the rollup CTE found no place in COMPLETE');
