// A take of a webhook's token bucket in one statement: the row locked (FOR UPDATE waits for a
// concurrent take and reads what it left), refilled by the time elapsed (at most burst), and one
// token taken when at least one is there. Answers the refilled tokens, their time, and whether a
// token was taken; no row when the bucket does not exist yet (the caller inserts it).
//
// Parameters: organization, webhook, burst, now, rate, now, organization, webhook.
import { stablePlan } from '../../sql/runner.ts';

export const TAKE = stablePlan(`WITH b AS (
  SELECT tokens, updated_at FROM rate_buckets WHERE organization_id = ? AND webhook_id = ? FOR UPDATE
), r AS (
  SELECT LEAST(?::float8, b.tokens + GREATEST(?::bigint - b.updated_at, 0) * ?::float8 / 1000) AS tokens, GREATEST(?::bigint, b.updated_at) AS at FROM b
), u AS (
  UPDATE rate_buckets SET tokens = r.tokens - 1, updated_at = r.at FROM r
  WHERE organization_id = ? AND webhook_id = ? AND r.tokens >= 1
  RETURNING 1
)
SELECT r.tokens, r.at, EXISTS (SELECT 1 FROM u) AS taken FROM r`);
