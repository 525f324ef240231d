// Endpoint health rollups (table webhook_stats, migrations 0013 and 0017): a batch of written
// outcomes is summed in memory into one row per webhook and minute, then added to the stored rows
// by one upsert, in the transaction that writes the outcomes (postgres/queue.ts, sqlite/queue.ts).
// A minute of a webhook has a row per shard: outcome writers running at once add to shards of
// their own (PostgreSQL: the store's writers in flight, from a base each process draws), so none
// waits on another's row lock for a busy minute. Reads sum the shards and minutes of a range in
// SQL, per bucket or per webhook: a few rows per minute and webhook, however many deliveries.
//
// Column names come from the closed sets of src/model.ts only (never from a request).
import { ATTEMPT_OUTCOMES, LATENCY_BUCKETS, attemptOutcome, latencyBucket, timesEndpoint, type AttemptOutcome } from '../../model.ts';
import type { EndpointStats, OutcomeRecord, RollupCounts, RollupRow } from '../ports.ts';
import { marks, placeholders, type SqlRunner } from './runner.ts';

const MINUTE = 60_000;

export const OUTCOME_COLUMNS: readonly string[] = ATTEMPT_OUTCOMES.map((o) => `o_${o}`);
export const LATENCY_COLUMNS: readonly string[] = Array.from({ length: LATENCY_BUCKETS }, (_, i) => `h${i}`);
/** The counted columns, in the order of rollupValues(). */
export const COUNT_COLUMNS: readonly string[] = ['delivered', 'failed', ...OUTCOME_COLUMNS, ...LATENCY_COLUMNS];
const KEY_COLUMNS = ['organization_id', 'webhook_id', 'minute', 'shard'];
/** Shards per minute and webhook (PostgreSQL's writers pick among them). */
export const ROLLUP_SHARDS = 16;
const ALL_COLUMNS = [...KEY_COLUMNS, ...COUNT_COLUMNS];

export function emptyCounts(): RollupCounts {
  return {
    delivered: 0,
    failed: 0,
    outcomes: Object.fromEntries(ATTEMPT_OUTCOMES.map((o) => [o, 0])) as Record<AttemptOutcome, number>,
    latency: new Array<number>(LATENCY_BUCKETS).fill(0),
  };
}

/** Sums outcomes into one row per webhook and minute (the minute their attempt started in), of one shard. */
export function rollUp(outcomes: readonly OutcomeRecord[], shard = 0): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const { work, attempt, status } of outcomes) {
    const minute = Math.floor(attempt.started_at / MINUTE) * MINUTE;
    const key = `${work.organization_id}/${work.webhook_id}/${minute}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { organization_id: work.organization_id, webhook_id: work.webhook_id, minute, shard, ...emptyCounts() }));
    if (status === 'succeeded') row.delivered++;
    else if (status === 'failed') row.failed++;
    const outcome = attemptOutcome(attempt);
    row.outcomes[outcome]++;
    if (timesEndpoint(outcome)) row.latency[latencyBucket(attempt.duration_ms)]++;
  }
  // In one order for every writer (byte order of the ids, then the minute): two outcome batches
  // upserting the same webhooks' minutes in different orders would deadlock on PostgreSQL.
  const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows.values()].sort((a, b) => byte(a.organization_id, b.organization_id) || byte(a.webhook_id, b.webhook_id) || a.minute - b.minute);
}

/** A row's values in the order of ALL_COLUMNS. */
function rowValues(r: RollupRow): unknown[] {
  return [r.organization_id, r.webhook_id, r.minute, r.shard, r.delivered, r.failed, ...ATTEMPT_OUTCOMES.map((o) => r.outcomes[o]), ...r.latency];
}

/** A row as PostgreSQL's json_to_recordset reads it (keys: the column names). */
export function rowJson(r: RollupRow): Record<string, unknown> {
  const v = rowValues(r);
  return Object.fromEntries(ALL_COLUMNS.map((c, i) => [c, v[i]]));
}

const ON_CONFLICT = `ON CONFLICT (organization_id, webhook_id, minute, shard) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = webhook_stats.${c} + excluded.${c}`).join(', ')}`;

/**
 * PostgreSQL: the upsert as a data-modifying CTE of the outcome write (postgres/sql/complete.ts),
 * reading the rows from a JSON parameter, applied only when the number of outcomes written equals
 * the second parameter (every lease held: the rows were summed from the whole batch).
 */
export const ROLLUP_CTE = `roll AS (
  INSERT INTO webhook_stats (${ALL_COLUMNS.join(', ')})
  SELECT ${ALL_COLUMNS.join(', ')} FROM json_to_recordset(?::json) AS r(organization_id text, webhook_id text, minute bigint, shard int, ${COUNT_COLUMNS.map((c) => `${c} int`).join(', ')})
  WHERE (SELECT COUNT(*) FROM won) = ?
  ORDER BY organization_id COLLATE "C", webhook_id COLLATE "C", minute, shard
  ${ON_CONFLICT}
  RETURNING 1
)`;

/** Rows per statement: 42 parameters each stay well under either backend's limit. */
const CHUNK = 200;

/** Adds rows to the stored ones (both backends; inside the outcome write's transaction). */
export async function upsertRollups(q: SqlRunner, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await q.exec(
      `INSERT INTO webhook_stats (${ALL_COLUMNS.join(', ')}) VALUES ${placeholders(chunk.length, ALL_COLUMNS.length)} ${ON_CONFLICT}`,
      chunk.flatMap(rowValues),
    );
  }
}

const SUMS = COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');

function countsOf(r: Record<string, unknown>): RollupCounts {
  const n = (c: string) => Number(r[c] ?? 0);
  return {
    delivered: n('delivered'),
    failed: n('failed'),
    outcomes: Object.fromEntries(ATTEMPT_OUTCOMES.map((o, i) => [o, n(OUTCOME_COLUMNS[i])])) as Record<AttemptOutcome, number>,
    latency: LATENCY_COLUMNS.map(n),
  };
}

export class SqlEndpointStats implements EndpointStats {
  constructor(private readonly db: SqlRunner) {}

  async buckets(organizationId: string, webhookId: string, since: number, until: number, bucketMs: number): Promise<Array<RollupCounts & { start: number }>> {
    // The primary key's range (organization_id, webhook_id, minute): one row per minute read.
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT minute - minute % CAST(? AS bigint) AS start, ${SUMS} FROM webhook_stats
       WHERE organization_id = ? AND webhook_id = ? AND minute >= ? AND minute < ?
       GROUP BY 1 ORDER BY 1`,
      [bucketMs, organizationId, webhookId, since, until],
    );
    return rows.map((r) => ({ start: Number(r.start), ...countsOf(r) }));
  }

  async totals(organizationId: string, webhookIds: string[], since: number, until: number): Promise<Map<string, RollupCounts>> {
    const out = new Map<string, RollupCounts>();
    if (!webhookIds.length) return out;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT webhook_id, ${SUMS} FROM webhook_stats
       WHERE organization_id = ? AND webhook_id IN (${marks(webhookIds)}) AND minute >= ? AND minute < ?
       GROUP BY webhook_id`,
      [organizationId, ...webhookIds, since, until],
    );
    for (const r of rows) out.set(String(r.webhook_id), countsOf(r));
    return out;
  }
}

/** The retention purge's part: rollup rows of minutes that ended by the cutoff. */
export function purgeRollups(q: SqlRunner, cutoff: number): Promise<number> {
  return q.exec('DELETE FROM webhook_stats WHERE minute <= ?', [cutoff - MINUTE]);
}
