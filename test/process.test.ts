// The service as real processes: start-up and configuration errors, concurrent migrations,
// at-least-once delivery through SIGKILL. Several workers on one queue: process-workers.test.ts;
// leases: leases.test.ts (separate files so that the runner runs them side by side).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { KeyService } from '../src/orgs/keys.ts';
import { openStorage } from '../src/store/index.ts';
import { PgConnection } from '../src/store/postgres/connection.ts';
import { BACKENDS, PG_URL, startReceiver, uniqueSchema, waitFor, type Receiver } from './helpers.ts';
import { api, KEY, publishMany, queryStore, run, startService, storage, type Service } from './process-helpers.ts';

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
