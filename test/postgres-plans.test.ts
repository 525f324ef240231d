// PostgreSQL plans that must not go stale. A statement PostgreSQL plans once per connection (a
// generic plan) keeps the plan it got while a table was small; with autovacuum off (as on the
// machines this runs on) nothing re-plans it, so a scan of the whole table that was cheap then
// runs on every call as the table grows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { openPostgres } from '../src/store/postgres/storage.ts';
import type { ClaimedWork, OutcomeRecord } from '../src/store/ports.ts';
import { BACKENDS, PG_URL, startApp, eventData } from './helpers.ts';

function succeeded(work: ClaimedWork): OutcomeRecord {
  const now = Date.now();
  return {
    work,
    attempt: {
      id: `att_${work.id.slice(4)}`,
      attempt_number: 1,
      trigger: 'scheduled',
      started_at: now,
      duration_ms: 1,
      request_headers: { 'webhook-id': work.event_id },
      response_status: 200,
      response_headers: {},
      response_body: '',
      error_class: null,
      error_message: null,
    },
    status: 'succeeded',
    next_attempt_at: null,
    health: null,
  };
}

interface TableStats {
  ins: number;
  upd: number;
  /** Rows read by sequential scans. */
  seqRead: number;
  /** Rows read by sequential scans and fetched through indexes. */
  read: number;
}

/**
 * The deliveries table's statistics in a schema (the sum over its partitions: migration 0015), once
 * `ready` holds for them (or after 15 s). A connection reports its statistics when it ends (or
 * within seconds of going idle).
 */
async function deliveriesStats(client: pg.Client, schema: string, ready: (s: TableStats) => boolean): Promise<TableStats> {
  for (let i = 0; ; i++) {
    const r = (
      await client.query<Record<keyof TableStats, string>>(
        `SELECT SUM(n_tup_ins) AS ins, SUM(n_tup_upd) AS upd, SUM(seq_tup_read) AS "seqRead", SUM(seq_tup_read + COALESCE(idx_tup_fetch, 0)) AS read
       FROM pg_stat_user_tables WHERE schemaname = $1
       AND relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass($1 || '.deliveries'))`,
        [schema],
      )
    ).rows[0];
    const s = { ins: Number(r.ins), upd: Number(r.upd), seqRead: Number(r.seqRead), read: Number(r.read) };
    if (ready(s) || i >= 150) return s;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('PostgreSQL plans', { skip: !BACKENDS.includes('postgres') && 'PostgreSQL is not among SALESOS_TEST_BACKENDS' }, () => {
  test('writing outcomes reads deliveries by key, however small the table was when a connection first wrote some', async () => {
    const t = await startApp('postgres', {}, { worker: false });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      for (let i = 0; i < 10; i++) await t.api('POST', '/v1/webhooks', { url: `http://127.0.0.1:9/${i}`, events: ['*'] });
      const round = async () => {
        assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
        const work = await t.app.storage.deliveries.claim({ limit: 100, leaseMs: 60_000 });
        assert.equal(await t.app.storage.deliveries.complete(work.map(succeeded)), 10);
      };
      // While the table holds a few rows, PostgreSQL may settle on one plan for the write.
      for (let i = 0; i < 10; i++) await round();
      const rows = 50_000;
      await t.app.storage.connection.exec(
        `INSERT INTO deliveries (organization_id, id, event_id, webhook_id, event_type, status, attempt_count, created_at, updated_at)
         SELECT 'org_other', 'dlv_' || g, 'evt_' || g, 'wh_other', 'lead.created', 'succeeded', 1, 0, 0 FROM generate_series(1, ?::int) g`,
        [rows],
      );
      for (let i = 0; i < 10; i++) await round();

      await t.stop();
      const expectedUpdates = 20 * 10 * 2; // a claim and an outcome per delivery
      const s = await deliveriesStats(client, t.schema!, (x) => x.ins >= rows + 200 && x.upd >= expectedUpdates);
      assert.ok(s.upd >= expectedUpdates, `statistics reported: ${JSON.stringify(s)}`);
      // Ten writes after the table grew: a scan of it per write reads 10 × 50,000 rows.
      assert.ok(s.seqRead < rows, `deliveries rows read by sequential scans: ${s.seqRead}`);
    } finally {
      await client.end();
      await t.close();
    }
  });

  test('giving held deliveries back reads them by key, however many deliveries their organization has', async () => {
    const t = await startApp('postgres', {}, { worker: false });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      for (let i = 0; i < 2; i++) await t.api('POST', '/v1/webhooks', { url: `http://127.0.0.1:9/${i}`, events: ['*'] });
      for (let i = 0; i < 5; i++) assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
      const work = await t.app.storage.deliveries.claim({ limit: 100, leaseMs: 60_000 });
      assert.equal(work.length, 10);
      // The organization's other deliveries: a lookup by organization alone reads all of them.
      const rows = 50_000;
      await t.app.storage.connection.exec(
        `INSERT INTO deliveries (organization_id, id, event_id, webhook_id, event_type, status, attempt_count, created_at, updated_at)
         SELECT ?, 'dlv_old' || g, 'evt_old' || g, ?, 'lead.created', 'succeeded', 1, 0, 0 FROM generate_series(1, ?::int) g`,
        [work[0].organization_id, work[0].webhook_id, rows],
      );
      await t.stop();
      const readAfter = (updates: number) => deliveriesStats(client, t.schema!, (s) => s.upd >= updates);
      const before = await readAfter(10);
      assert.equal(before.upd, 10, 'the claim updated the 10 deliveries');

      const storage = await openPostgres({ url: PG_URL, schema: t.schema! });
      await storage.deliveries.release(work);
      await storage.close();
      const after = await readAfter(20);
      assert.equal(after.upd, 20, 'the release updated the 10 deliveries');
      assert.ok(after.read - before.read < 1000, `deliveries rows read to give 10 back: ${after.read - before.read}`);
      const back = await client.query(
        `SELECT id FROM ${t.schema}.deliveries WHERE id = ANY($1) AND status = 'pending' AND lease_token IS NULL AND next_attempt_at IS NOT NULL`,
        [work.map((w) => w.id)],
      );
      assert.equal(back.rowCount, 10);
    } finally {
      await client.end();
      await t.close();
    }
  });
});
