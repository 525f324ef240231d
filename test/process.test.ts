// The service as real processes: start-up and configuration errors, concurrent migrations,
// at-least-once delivery through SIGKILL, several workers sharing one PostgreSQL queue.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KeyService } from '../src/orgs/keys.ts';
import { openStorage } from '../src/store/index.ts';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { BACKENDS, PG_URL, startApp, startReceiver, uniqueSchema, waitFor, type Backend, type Receiver, eventData } from './helpers.ts';
import { run, startService, type Service } from './process-helpers.ts';

const KEY = `sos_test_${randomBytes(16).toString('hex')}`;
const dirs: string[] = [];
const schemas: string[] = [];

function storage(backend: Backend): Record<string, string> {
  if (backend === 'postgres') {
    const schema = uniqueSchema();
    schemas.push(schema);
    return { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: schema };
  }
  const dir = mkdtempSync(join(tmpdir(), 'salesos-proc-'));
  dirs.push(dir);
  return { SALESOS_DATA_DIR: dir };
}

after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (schemas.length) {
    const db = await PgConnection.open(PG_URL);
    for (const s of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await db.close();
  }
});

async function api(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Publishes `count` events; answers the ids that got a 202 (a lane stops at its first error). */
async function publishMany(url: string, count: number, concurrency = 20): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const res = await api(url, 'POST', '/v1/events', {
          type: 'lead.created',
          data: eventData('lead.created', { last_name: `L${i}` }),
        }).catch(() => null);
        if (!res) return;
        assert.equal(res.status, 202);
        ids.push(String(res.body.id));
      }
    }),
  );
  return ids;
}

/** Runs a query directly on the database a service child uses. */
async function queryStore<T>(backend: Backend, env: Record<string, string>, sql: string): Promise<T[]> {
  const storage = await openStorage({ databaseUrl: backend === 'postgres' ? PG_URL : null, schema: env.SALESOS_DB_SCHEMA, dataDir: env.SALESOS_DATA_DIR });
  try {
    return await storage.connection.query<T>(sql);
  } finally {
    await storage.close();
  }
}

describe('start-up', () => {
  test('a bad configuration stops the start with one line naming the variable', async () => {
    const r = await run(['serve'], { PORT: 'eighty', ...storage('sqlite') });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /PORT/);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  test('the first start creates a key and prints it once; SALESOS_API_KEY bootstraps a given key', async () => {
    const env = storage('sqlite');
    const first = await startService(env);
    await waitFor(() => /sos_[A-Za-z0-9_-]{20,}/.test(first.output()));
    const printed = /(sos_[A-Za-z0-9_-]{20,})/.exec(first.output())![1];
    const ok = await fetch(`${first.url}/v1/webhooks`, { headers: { authorization: `Bearer ${printed}` } });
    assert.equal(ok.status, 200);
    await first.kill();
    const second = await startService({ ...env, SALESOS_API_KEY: KEY });
    assert.ok(!/sos_[A-Za-z0-9_-]{20,}/.test(second.output().replace(KEY, '')), 'not printed again');
    assert.equal((await api(second.url, 'GET', '/v1/webhooks')).status, 200);
    await second.kill();
  });

  test('two processes bootstrapping the same SALESOS_API_KEY at the same moment both start', async () => {
    // The start-up race in one process, so that it is not left to scheduling: both look for the
    // key, neither finds it, both insert it; the loser of the unique index must not fail.
    const schema = uniqueSchema();
    const a = await openStorage({ databaseUrl: PG_URL, schema, dataDir: '' });
    const b = await openStorage({ databaseUrl: PG_URL, schema, dataDir: '' });
    try {
      await a.migrate();
      for (let i = 0; i < 5; i++) {
        const key = `sos_race_${i}_${randomBytes(16).toString('hex')}`;
        const results = await Promise.allSettled([new KeyService(a.keys).bootstrap(key), new KeyService(b.keys).bootstrap(key)]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'fulfilled'],
        );
      }
      const [{ n }] = await a.connection.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM api_keys');
      assert.equal(n, 5, 'each key stored once');
    } finally {
      await b.close();
      await a.connection.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    }
  });

  test('processes starting at once on one PostgreSQL all come up, migrated once, with one bootstrap key', async () => {
    const env = storage('postgres');
    const [a, b] = await Promise.all([run(['migrate'], env), run(['migrate'], env)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    // Three at once with the same bootstrap key: each stores it or finds it stored (the losers of
    // the unique index once exited at start).
    const started = await Promise.allSettled([1, 2, 3].map(() => startService({ ...env, SALESOS_API_KEY: KEY })));
    const services = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      for (const r of started) if (r.status === 'rejected') throw r.reason;
      const db = await PgConnection.open(PG_URL, env.SALESOS_DB_SCHEMA);
      const rows = await db.query<{ id: number; n: number }>('SELECT id, COUNT(*) AS n FROM salesos_migrations GROUP BY id');
      await db.close();
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((r) => Number(r.n) === 1));
      for (const s of services) assert.equal((await fetch(`${s.url}/readyz`)).status, 200);
      for (const s of services) assert.equal((await api(s.url, 'GET', '/v1/webhooks')).status, 200);
    } finally {
      // Never leave a process behind: it would keep the test run alive.
      await Promise.all(services.map((s) => s.kill()));
    }
  });
});

for (const backend of BACKENDS) {
  describe(`at-least-once through SIGKILL on ${backend}`, () => {
    let rx: Receiver;
    const services: Service[] = [];
    after(async () => {
      for (const s of services) await s.kill('SIGKILL');
      await rx?.close();
    });

    test('every event published before a SIGKILL reaches the receiver after a restart', async () => {
      rx = await startReceiver((_req, _n, res) => void setTimeout(() => res.writeHead(200).end('ok'), 5));
      const env = { ...storage(backend), SALESOS_API_KEY: KEY, SALESOS_DELIVERY_TIMEOUT: '1s', SALESOS_RETRY_SCHEDULE: '200ms,200ms,200ms,200ms,200ms' };
      const first = await startService(env);
      services.push(first);
      assert.equal((await api(first.url, 'POST', '/v1/webhooks', { url: rx.url, events: ['lead.*'] })).status, 201);
      const publishing = publishMany(first.url, 400);
      await waitFor(() => rx.requests.length >= 50);
      await first.kill('SIGKILL');
      const accepted = await publishing;
      const second = await startService(env);
      services.push(second);
      // Every event that got a 202 is stored; the stored ones (maybe a few more, whose answer the
      // kill cut off) must all arrive.
      const storedIds = (await queryStore<{ id: string }>(backend, env, 'SELECT id FROM events')).map((r) => r.id);
      for (const id of accepted) assert.ok(storedIds.includes(id), `accepted event ${id} was stored`);
      await waitFor(
        () => {
          const got = new Set(rx.requests.map((r) => String(r.headers['webhook-id'])));
          return storedIds.every((id) => got.has(id));
        },
        60_000,
        'every stored event at the receiver',
      );
      await waitFor(
        async () => (await queryStore<{ n: number }>(backend, env, "SELECT COUNT(*) AS n FROM deliveries WHERE status <> 'succeeded'"))[0].n === 0,
        30_000,
        'every delivery succeeded',
      );
    });
  });
}

describe('several workers on one PostgreSQL queue', () => {
  const services: Service[] = [];
  let rx: Receiver;
  after(async () => {
    for (const s of services) await s.kill();
    await rx?.close();
  });

  test('share the work and never send the same attempt twice', async () => {
    rx = await startReceiver();
    const env = { ...storage('postgres'), SALESOS_API_KEY: KEY };
    const apiProc = await startService(env, ['--role', 'api']);
    services.push(apiProc);
    for (let i = 0; i < 2; i++) services.push(await startService(env, ['--role', 'worker']));
    assert.equal((await fetch(`${services[1].url}/v1/webhooks`)).status, 404, 'a worker serves nothing but operations');
    assert.equal((await fetch(`${services[1].url}/healthz`)).status, 200);
    assert.equal((await api(apiProc.url, 'POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).status, 201);
    const ids = await publishMany(apiProc.url, 400);
    await rx.waitFor(400, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const received = rx.requests.map((r) => String(r.headers['webhook-id']));
    assert.equal(received.length, 400, 'no duplicates');
    assert.deepEqual(new Set(received), new Set(ids));
  });

  for (const change of ['disabled', 'moved to another URL'] as const) {
    test(`work a worker holds for a webhook that another process ${change === 'disabled' ? 'disabled' : 'moved to another URL'} is not sent as it was`, async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const old = await startReceiver(async (_req, n, res) => {
        if (n === 0) await gate;
        res.writeHead(200).end();
      });
      const moved = await startReceiver();
      try {
        // One attempt per endpoint at a time and a 30 s timeout (a 65 s lease): the worker holds
        // the second delivery while the first is under way, longer than this test waits.
        const env = { ...storage('postgres'), SALESOS_API_KEY: KEY, SALESOS_MAX_PER_ENDPOINT: '1', SALESOS_DELIVERY_TIMEOUT: '30s' };
        const apiProc = await startService(env, ['--role', 'api']);
        services.push(apiProc);
        services.push(await startService(env, ['--role', 'worker']));
        const hook = (await api(apiProc.url, 'POST', '/v1/webhooks', { url: old.url, events: ['*'] })).body as { id: string };
        const deliveries = async () =>
          (await api(apiProc.url, 'GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data as Array<{
            status: string;
            next_attempt_at: string | null;
            attempt_count: number;
          }>;
        await publishMany(apiProc.url, 1, 1);
        await old.waitFor(1);
        await publishMany(apiProc.url, 1, 1);
        await waitFor(
          async () => {
            const list = await deliveries();
            return list.length === 2 && list.every((d) => d.status === 'pending' && d.next_attempt_at === null);
          },
          15_000,
          'two leased deliveries',
        );
        const leases = () =>
          queryStore<{ id: string; lease_token: string | null }>(
            'postgres',
            env,
            `SELECT id, lease_token FROM deliveries WHERE webhook_id = '${hook.id}' ORDER BY id`,
          );
        const before = await leases();
        assert.equal((await api(apiProc.url, 'PATCH', `/v1/webhooks/${hook.id}`, change === 'disabled' ? { enabled: false } : { url: moved.url })).status, 200);
        // The worker gives the held delivery back (to wait while the webhook is disabled, or to be
        // claimed again as it is now) instead of keeping it for its lease; the one under way keeps
        // its lease.
        await waitFor(async () => (await leases()).some((d, i) => d.lease_token !== before[i].lease_token), 15_000, 'the held delivery given back');
        open();
        if (change === 'disabled') {
          await waitFor(async () => (await deliveries()).some((d) => d.status === 'succeeded'), 15_000, 'the first delivered');
          await new Promise((r) => setTimeout(r, 500));
          assert.equal(old.requests.length, 1, 'nothing sent for the disabled webhook');
          assert.equal((await api(apiProc.url, 'PATCH', `/v1/webhooks/${hook.id}`, { enabled: true })).status, 200);
          await old.waitFor(2);
        } else {
          await moved.waitFor(1);
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(old.requests.length, 1, 'nothing more sent to the old URL');
        }
        await waitFor(async () => (await deliveries()).every((d) => d.status === 'succeeded' && d.attempt_count === 1) || null, 15_000, 'both delivered once');
      } finally {
        open();
        await old.close();
        await moved.close();
      }
    });
  }
});

describe('leases', () => {
  test('claimed but unfinished work becomes due again when the lease runs out', async () => {
    const rx = await startReceiver();
    const t = await startApp(BACKENDS.includes('postgres') ? 'postgres' : 'sqlite', {}, { worker: false });
    try {
      await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
      // A worker that claims and then dies: nothing else may take the work while the lease holds.
      const claimed = await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 400 });
      assert.equal(claimed.length, 1);
      assert.equal((await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 400 })).length, 0);
      const { Worker } = await import('../src/delivery/worker.ts');
      const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      worker.start();
      const [req] = await rx.waitFor(1);
      assert.equal(req.headers['x-webhook-attempt'], '1');
      await worker.stop();
    } finally {
      await t.close();
      await rx.close();
    }
  });

  for (const backend of BACKENDS) {
    test(`a worker that stops gives back the work it held, and another worker sends it without waiting for the lease (${backend})`, async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const rx = await startReceiver(async (_req, n, res) => {
        if (n === 0) await gate;
        res.writeHead(200).end('ok');
      });
      // One attempt per endpoint at a time, and a 30 s timeout: a lease of 65 s, longer than the
      // test waits for the second delivery.
      const t = await startApp(backend, { SALESOS_MAX_PER_ENDPOINT: '1', SALESOS_DELIVERY_TIMEOUT: '30s' }, { worker: false });
      const { Worker } = await import('../src/delivery/worker.ts');
      const first = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      const second = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      try {
        const hook = (await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] })).body;
        const deliveries = async () =>
          (await t.api<{ data: Array<{ status: string; next_attempt_at: string | null }> }>('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.data;
        first.start();
        for (let i = 0; i < 2; i++) assert.equal((await t.api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).status, 202);
        await rx.waitFor(1);
        // Both leased to the first worker: one under way (held up by the receiver), one held.
        await waitFor(
          async () => {
            const list = await deliveries();
            return list.length === 2 && list.every((d) => d.status === 'pending' && d.next_attempt_at === null);
          },
          15_000,
          'two leased deliveries',
        );
        const stopping = first.stop();
        // The held one is due again at once; the one under way finishes.
        await waitFor(
          async () => (await deliveries()).some((d) => d.status === 'pending' && d.next_attempt_at !== null),
          15_000,
          'the held delivery given back',
        );
        open();
        await stopping;
        second.start();
        await rx.waitFor(2);
        await waitFor(async () => (await deliveries()).every((d) => d.status === 'succeeded') || null, 15_000, 'both delivered');
        assert.equal(rx.requests.length, 2);
      } finally {
        open();
        await first.stop();
        await second.stop();
        await t.close();
        await rx.close();
      }
    });

    test(`held work whose lease ran out while it waited is given back, not sent beside the claim that took it over (${backend})`, async () => {
      const rx = await startReceiver(async (_req, _n, res) => {
        await new Promise((r) => setTimeout(r, 300));
        res.writeHead(200).end('ok');
      });
      const t = await startApp(backend, {}, { worker: false });
      const { Worker } = await import('../src/delivery/worker.ts');
      const worker = new Worker(t.app.storage.deliveries, t.app.storage.signals, t.app.changes, t.app.config, t.app.log, t.app.metrics);
      try {
        await t.api('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
        const event = (await t.api<{ id: string }>('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') })).body;
        // Work the worker held so long (its endpoint slowed down) that its lease ran out: the
        // delivery is due again, and the worker's next claim takes it over.
        const [stale] = await t.app.storage.deliveries.claim({ limit: 10, leaseMs: 1 });
        await new Promise((r) => setTimeout(r, 5));
        worker.start();
        assert.ok(worker.scheduler.tryReserve(stale.webhook_id));
        worker.scheduler.adopt([stale]);
        const [req] = await rx.waitFor(1);
        assert.equal(req.headers['webhook-id'], event.id);
        await waitFor(
          async () =>
            (await t.api<{ data: Array<{ status: string }> }>('GET', '/v1/webhooks/' + stale.webhook_id + '/deliveries')).body.data[0]?.status === 'succeeded',
          15_000,
          'delivered',
        );
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(rx.requests.length, 1, 'the delivery was sent once');
      } finally {
        await worker.stop();
        await t.close();
        await rx.close();
      }
    });
  }
});
