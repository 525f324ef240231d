// Scale: a backlog of pending deliveries inserted with SQL (generate_series), and a probe that
// times the worker's real claim statement inside a transaction that is rolled back, so the
// probe changes nothing.
import pg from 'pg';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { claimArgs } from '../src/store/postgres/queue.ts';
import { CLAIM_WORK } from '../src/store/postgres/sql/claim.ts';
import { now, percentile, round, sleep } from './lib.ts';

class Rollback extends Error {}

export interface ClaimProbe {
  probes: number;
  p50_ms: number;
  p95_ms: number;
  rows_avg: number;
}

/** Times `count` claims of up to 200 deliveries, one every `everyMs`. */
export async function probeClaims(url: string, schema: string, count: number, everyMs: number): Promise<ClaimProbe> {
  const db = await PgConnection.open(url, schema);
  const times: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < count; i++) {
      await db
        .tx(async (q) => {
          // The worker's claim statement, on the transaction's connection.
          const t0 = now();
          const got = await q.query(CLAIM_WORK, claimArgs({ limit: 200, leaseMs: 60_000 }));
          times.push(now() - t0);
          rows += got.length;
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      await sleep(everyMs);
    }
  } finally {
    await db.close();
  }
  times.sort((a, b) => a - b);
  return {
    probes: times.length,
    p50_ms: round(percentile(times, 50), 2),
    p95_ms: round(percentile(times, 95), 2),
    rows_avg: round(rows / Math.max(1, times.length), 0),
  };
}

/**
 * Inserts `total` pending deliveries, due an hour ago (so they are claimed before anything new),
 * spread round-robin over the given webhooks, for total/webhooks events of 1 KiB each.
 */
export async function insertBacklog(url: string, schema: string, organizationId: string, webhookIds: string[], total: number): Promise<number> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const started = now();
  try {
    const events = Math.ceil(total / webhookIds.length);
    const t = Date.now() - 3_600_000;
    const pad = 'x'.repeat(860);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO events (organization_id, id, type, idempotency_key, body, created_at)
       SELECT $1, 'evt_backlog' || lpad(g::text, 12, '0'), 'lead.created', NULL,
         '{"id":"evt_backlog' || lpad(g::text, 12, '0') || '","type":"lead.created","created_at":"2024-01-01T00:00:00.000Z","organization_id":"' || $1 || '","data":{"object":{"id":"lead_' || g || '","object":"lead","notes":"' || $3 || '"}}}',
         $2::bigint + g
       FROM generate_series(1, $4::int) g`,
      [organizationId, t, pad, events],
    );
    const hooks = webhookIds.map((id, i) => `('${id}', ${i})`).join(', ');
    await client.query(
      `INSERT INTO deliveries (organization_id, id, event_id, webhook_id, event_type, status, attempt_count, next_attempt_at, next_trigger, created_at, updated_at)
       SELECT $1, 'dlv_backlog' || lpad(g::text, 12, '0') || '_' || w.i, 'evt_backlog' || lpad(g::text, 12, '0'), w.id, 'lead.created', 'pending', 0,
         $2::bigint + g, 'scheduled', $2::bigint + g, $2::bigint + g
       FROM generate_series(1, $3::int) g CROSS JOIN (VALUES ${hooks}) AS w(id, i)`,
      [organizationId, t, events],
    );
    await client.query('COMMIT');
    // What autovacuum would do on a table that grew this much; without it the planner guesses.
    await client.query('ANALYZE deliveries');
    await client.query('ANALYZE events');
  } finally {
    await client.end();
  }
  return round((now() - started) / 1000, 1);
}
