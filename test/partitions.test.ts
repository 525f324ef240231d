// Time partitions on PostgreSQL (migration 0015, src/store/postgres/partitions.ts): a database made
// before them is moved with every row still there, indexed and deliverable; retention drops whole
// partitions, never one that holds a pending delivery.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { purgeExpired } from '../src/delivery/retention.ts';
import { loadMigrations, splitStatements } from '../src/store/migrate.ts';
import { BACKENDS, PG_URL, startApp, startReceiver, waitFor, eventData, type Received, type Receiver, type TestApp } from './helpers.ts';

interface Delivery {
  id: string;
  webhook_id: string;
  status: string;
  attempts?: unknown[];
}
interface EventWithDeliveries {
  id: string;
  deliveries: Delivery[];
}

/** Retries every 3 seconds, 50 times: long enough for a receiver that is down while a busy host migrates. */
const RETRY_OFTEN = Array.from({ length: 50 }, () => '3s').join(',');

/** A receiver that answers 500 while `down.on`, 200 otherwise (those requests in `accepted`). */
async function flakyReceiver(): Promise<Receiver & { down: { on: boolean }; accepted: Received[] }> {
  const down = { on: true };
  const accepted: Received[] = [];
  const r = await startReceiver((req, _n, res) => {
    if (down.on) return void res.writeHead(500).end('down');
    accepted.push(req);
    res.writeHead(200).end('ok');
  });
  return Object.assign(r, { down, accepted });
}

function verify(req: Received, secret: string): { id: string } {
  return new StandardWebhook(secret).verify(req.body, {
    'webhook-id': String(req.headers['webhook-id']),
    'webhook-timestamp': String(req.headers['webhook-timestamp']),
    'webhook-signature': String(req.headers['webhook-signature']),
  }) as { id: string };
}

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** The partitions of a table in a schema (names). */
async function partitionsOf(schema: string, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1) ORDER BY 1`,
    [`${schema}.${table}`],
  );
  return rows.map((r) => r.name);
}

/** The partition a row of a table is in. */
async function partitionOf(schema: string, table: string, id: string): Promise<string | null> {
  const rows = await sql<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM ${schema}.${table} WHERE id = $1`, [id]);
  return rows[0]?.part.replace(`${schema}.`, '') ?? null;
}

const onPostgres = { skip: !BACKENDS.includes('postgres') && 'PostgreSQL is not among SALESOS_TEST_BACKENDS' };

describe('time partitions on PostgreSQL', onPostgres, () => {
  const cleanup: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });
  const track = <T extends TestApp | Receiver>(x: T) => (cleanup.push(() => x.close()), x);

  test('a database made before partitions is moved: every row kept, indexed, and still delivered', async () => {
    const env = { SALESOS_RETRY_SCHEDULE: RETRY_OFTEN };
    // The database as the previous migration left it, filled through the API.
    const old = track(await startApp('postgres', env, { migrateUntil: 14 }));
    const schema = old.schema!;
    assert.equal((await sql<{ kind: string }>(`SELECT relkind AS kind FROM pg_class WHERE oid = to_regclass($1)`, [`${schema}.deliveries`]))[0].kind, 'r');
    // This code writes endpoint health rollups in the layout of migration 0017 (shards): that one is
    // applied ahead of its turn, before anything is written (it rebuilds webhook_stats alone, which
    // 0015 does not touch). The new version's start below then runs 0015 and whatever else is missing.
    const shards = loadMigrations('postgres').find((m) => m.id === 17)!;
    for (const stmt of splitStatements(shards.sql)) await sql(`SET search_path TO "${schema}"; ${stmt}`);
    await sql(`INSERT INTO "${schema}".salesos_migrations (id, name, applied_at) VALUES ($1, $2, $3)`, [shards.id, shards.name, Date.now()]);
    const ok = track(await startReceiver());
    const flaky = track(await flakyReceiver());
    const a = (await old.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: ok.url, events: ['*'] })).body;
    const b = (await old.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: flaky.url, events: ['lead.created'] })).body;
    const events: string[] = [];
    for (let i = 0; i < 6; i++) {
      const type = i % 2 ? 'lead.updated' : 'lead.created';
      events.push((await old.api<{ id: string }>('POST', '/v1/events', { type, data: eventData(type) })).body.id);
    }
    await ok.waitFor(6);
    await flaky.waitFor(3);
    await waitFor(
      async () => {
        const list = await Promise.all(events.map(async (id) => (await old.api<EventWithDeliveries>('GET', `/v1/events/${id}`)).body.deliveries));
        return list.flat().filter((d) => d.webhook_id === a.id && d.status === 'succeeded').length === 6;
      },
      15_000,
      'a delivered',
    );
    await old.stop();
    const count = async (table: string) => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`))[0].n);
    const before = { events: await count('events'), deliveries: await count('deliveries'), attempts: await count('attempts') };
    const pendingBefore = await sql<{ id: string }>(`SELECT id FROM ${schema}.deliveries WHERE status = 'pending' ORDER BY id`);
    assert.equal(pendingBefore.length, 3, 'b keeps retrying');

    // The new version starts on it: migration 0015 runs.
    const t = track(await startApp('postgres', { ...env, SALESOS_DB_SCHEMA: schema }));
    assert.equal((await sql<{ kind: string }>(`SELECT relkind AS kind FROM pg_class WHERE oid = to_regclass($1)`, [`${schema}.deliveries`]))[0].kind, 'p');
    // Attempts go on being written while the counts are read: compare what was there before.
    assert.equal(await count('deliveries_moved'), before.deliveries, 'every delivery is in the moved partition');
    assert.equal(await count('attempts_moved'), before.attempts, 'every attempt is in the moved partition');
    assert.equal(await count('events'), before.events);
    for (const table of ['deliveries', 'attempts']) {
      const parts = await partitionsOf(schema, table);
      assert.ok(parts.includes(`${table}_moved`) && parts.includes(`${table}_default`), `${table}: ${parts.join(', ')}`);
      // The worker makes the partitions ahead as it starts.
      await waitFor(async () => (await partitionsOf(schema, table)).length >= 3, 15_000, `${table}: partitions made ahead`);
    }
    // Every index of before, on the partitioned table and on each of its partitions.
    const indexes = [
      'deliveries_pkey',
      'deliveries_due',
      'deliveries_webhook',
      'deliveries_event',
      'deliveries_failed',
      'deliveries_ordering',
      'attempts_pkey',
      'attempts_delivery',
    ];
    for (const index of indexes) {
      const table = index.split('_')[0];
      const children = await sql<{ n: string }>(`SELECT count(*) AS n FROM pg_inherits WHERE inhparent = to_regclass($1)`, [`${schema}.${index}`]);
      assert.equal(Number(children[0].n), (await partitionsOf(schema, table)).length, `${index} on every partition of ${table}`);
    }
    const due = await sql<{ def: string }>(`SELECT pg_get_indexdef(to_regclass($1)) AS def`, [`${schema}.deliveries_due`]);
    assert.match(due[0].def, /\(next_attempt_at\) WHERE \(status = 'pending'::text\)/);

    // Everything is still there for the API...
    for (const id of events) {
      const r = await t.api<EventWithDeliveries>('GET', `/v1/events/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.deliveries.length, events.indexOf(id) % 2 ? 1 : 2);
    }
    const listed = await t.api<{ data: Delivery[] }>('GET', '/v1/deliveries?limit=100');
    assert.equal(listed.body.data.length, 9);
    // ...and the pending deliveries are delivered once their receiver is back.
    flaky.down.on = false;
    const pendingGone = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.deliveries WHERE status = 'pending'`))[0].n) === 0;
    await waitFor(async () => flaky.accepted.length >= 3 && (await pendingGone()), 20_000, 'pending deliveries delivered').catch(async (e) => {
      const rows = await sql(`SELECT id, status, attempt_count, next_attempt_at, lease_token, tableoid::regclass AS part FROM ${schema}.deliveries`);
      throw new Error(
        `${(e as Error).message}: accepted ${flaky.accepted.length}, requests ${flaky.requests.length}, now ${Date.now()} ${JSON.stringify(rows)}`,
      );
    });
    const delivered = new Set(flaky.accepted.map((r) => verify(r, b.secret).id));
    assert.deepEqual([...delivered].sort(), events.filter((_, i) => i % 2 === 0).sort());
    // A new event's deliveries go to a partition made ahead, not to the default one.
    const fresh = (await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.updated', data: eventData('lead.updated') })).body.id;
    await ok.waitFor(7);
    const freshDelivery = (await t.api<EventWithDeliveries>('GET', `/v1/events/${fresh}`)).body.deliveries[0];
    assert.match((await partitionOf(schema, 'deliveries', freshDelivery.id)) ?? '', /^deliveries_p\d{8}_\d{6}/);
  });

  test('retention drops whole partitions past it, never one that holds a pending delivery', async () => {
    // Retention 10 s: partitions of a second each (the shortest), made 15 s ahead.
    const t = track(await startApp('postgres', { SALESOS_RETENTION: '10s', SALESOS_RETRY_SCHEDULE: RETRY_OFTEN }));
    const schema = t.schema!;
    const ok = track(await startReceiver());
    const flaky = track(await flakyReceiver());
    const a = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: ok.url, events: ['lead.created', 'lead.updated'] })).body;
    const b = (await t.api<{ id: string; secret: string }>('POST', '/v1/webhooks', { url: flaky.url, events: ['lead.created'] })).body;
    const publish = async (type: 'lead.created' | 'lead.updated') =>
      (await t.api<{ id: string }>('POST', '/v1/events', { type, data: eventData(type) })).body.id;
    const event = (id: string) => t.api<EventWithDeliveries>('GET', `/v1/events/${id}`);
    const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

    // e0: a only, delivered. e1, a second later: a delivered, b pending (its receiver is down).
    await nextSecond();
    const e0 = await publish('lead.updated');
    await ok.waitFor(1);
    await nextSecond();
    const e1 = await publish('lead.created');
    await ok.waitFor(2);
    await flaky.waitFor(1);
    const settled = async (id: string, n: number) =>
      waitFor(
        async () => (await event(id)).body.deliveries.filter((d) => d.webhook_id === a.id && d.status === 'succeeded').length === n,
        15_000,
        `${id} delivered`,
      );
    await settled(e0, 1);
    await settled(e1, 1);
    const [d0] = (await event(e0)).body.deliveries;
    const d1 = (await event(e1)).body.deliveries;
    const p0 = (await partitionOf(schema, 'deliveries', d0.id))!;
    const p1 = (await partitionOf(schema, 'deliveries', d1[0].id))!;
    assert.notEqual(p0, p1, 'a second apart: two partitions');
    assert.equal(await partitionOf(schema, 'deliveries', d1[1].id), p1);
    await nextSecond();

    // Both partitions are past the cutoff; p1 holds b's pending delivery.
    // A drop whose lock is not granted within 200 ms waits for the next round (a busy host): run
    // rounds until p0 is gone, as the service would.
    const counts = { attempts: 0, deliveries: 0, events: 0 };
    const parts = await waitFor(
      async () => {
        const c = await purgeExpired(t.app.storage.deliveries, 10_000, Date.now() + 10_000);
        counts.attempts += c.attempts;
        counts.deliveries += c.deliveries;
        counts.events += c.events;
        const now = await partitionsOf(schema, 'deliveries');
        return now.includes(p0) ? null : now;
      },
      15_000,
      `${p0} dropped`,
    );
    assert.ok(counts.deliveries >= 2 && counts.events >= 1, JSON.stringify(counts));
    assert.ok(!parts.includes(p0), `${p0} dropped`);
    assert.ok(parts.includes(p1), `${p1} kept for its pending delivery`);
    assert.equal((await event(e0)).status, 404);
    assert.equal((await t.api('GET', `/v1/deliveries/${d0.id}`)).status, 404);
    // e1 stays for b's pending delivery; a's finished one went row by row.
    const kept = await event(e1);
    assert.equal(kept.status, 200);
    assert.deepEqual(
      kept.body.deliveries.map((d) => [d.webhook_id, d.status]),
      [[b.id, 'pending']],
    );
    // The pending delivery is delivered once its receiver is back, and then its partition goes.
    flaky.down.on = false;
    const pendingId = kept.body.deliveries[0].id;
    await waitFor(() => flaky.accepted.length > 0, 20_000, 'b delivered');
    assert.equal(verify(flaky.accepted[0], b.secret).id, e1);
    // Its outcome is written (or, written and past retention, already purged by the service's round).
    await waitFor(async () => (await t.api<Delivery>('GET', `/v1/deliveries/${pendingId}`)).body.status !== 'pending', 15_000, 'b succeeded');
    await purgeExpired(t.app.storage.deliveries, 10_000, Date.now() + 10_000);
    assert.ok(!(await partitionsOf(schema, 'deliveries')).includes(p1), `${p1} dropped once nothing in it is pending`);
    // Partitions ahead are still there for what comes next.
    const e2 = await publish('lead.updated');
    await ok.waitFor(3);
    const d2 = (await event(e2)).body.deliveries[0];
    assert.match((await partitionOf(schema, 'deliveries', d2.id)) ?? '', /^deliveries_p\d{8}_\d{6}/);
  });
});
