// Crashes: one API process and two worker processes share a PostgreSQL schema; 10,000 events are
// published while a worker is SIGKILLed at random moments (three times) and restarted. Nothing
// may be lost: every event reaches the receiver and every delivery ends `succeeded`.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { startReceiver, waitFor, type Receiver, eventData } from '../helpers.ts';
import { CI, call, fmtMs, newApiKey, pool, section, sleep, startService, tempDb, type Service, type TempDb } from './support.ts';

const EVENTS = 10_000;
const KILLS = 3;
const check = section(
  import.meta.url,
  'Crashes: SIGKILLed workers',
  "PostgreSQL; `serve --role api` plus two `serve --role worker` processes on one schema; delivery timeout 2 s, so a killed worker's leases (2 × timeout + 5 s) run out after 9 s.",
  1,
);

describe('crash: workers killed with SIGKILL while delivering 10,000 events', () => {
  let db: TempDb;
  let rx: Receiver;
  let api: Service;
  const workers: Service[] = [];
  const key = newApiKey();
  const seen = new Map<string, number>();

  before(async () => {
    db = await tempDb('postgres');
    rx = await startReceiver((req, _n, res) => {
      const id = String(req.headers['webhook-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(200).end('ok');
    });
    const env = { ...db.env, SALESOS_API_KEY: key, SALESOS_RETRY_SCHEDULE: '200ms,500ms,1s,2s,5s', SALESOS_DELIVERY_TIMEOUT: '2s' };
    api = await startService(env, 'api');
    workers.push(await startService(env, 'worker'), await startService(env, 'worker'));
  });
  after(async () => {
    await Promise.all([api, ...workers].map((s) => s?.kill()));
    await rx?.close();
    await db?.drop();
  });

  check(
    'every one of 10,000 events is delivered and every delivery succeeds despite 3 SIGKILLs',
    async (fig) => {
      const env = { ...db.env, SALESOS_API_KEY: key, SALESOS_RETRY_SCHEDULE: '200ms,500ms,1s,2s,5s', SALESOS_DELIVERY_TIMEOUT: '2s' };
      const hook = await call<{ id: string }>(api.url, key, 'POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      assert.equal(hook.status, 201);

      const t0 = Date.now();
      const published: string[] = [];
      const failures: string[] = [];
      let publishing = true;
      const publisher = pool(
        Array.from({ length: EVENTS }, (_, i) => i),
        32,
        async (i) => {
          const r = await call<{ id: string }>(api.url, key, 'POST', '/v1/events', {
            type: 'lead.created',
            data: eventData('lead.created', { last_name: `Crash ${i}` }),
          });
          if (r.status === 202) published.push(r.body.id);
          else failures.push(`${r.status}`);
        },
      ).finally(() => (publishing = false));

      // Kill at random moments while events are being published and delivered.
      const kills: Array<{ at: number; leased: number; received: number }> = [];
      for (let k = 0; k < KILLS; k++) {
        await sleep(800 + Math.random() * 2500);
        const victim = Math.floor(Math.random() * workers.length);
        await workers[victim].kill('SIGKILL');
        // Upper bound of what the dead worker had in flight: every delivery still under a lease.
        const [{ n }] = await db.db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending' AND lease_token IS NOT NULL");
        kills.push({ at: Date.now() - t0, leased: n, received: rx.requests.length });
        workers[victim] = await startService(env, 'worker');
      }
      await publisher;
      const publishMs = Date.now() - t0;
      assert.deepEqual(failures, [], 'every publish answered 202');
      assert.equal(published.length, EVENTS);
      assert.ok(!publishing);

      // Leases of killed workers run out after 2 × timeout + 5 s; allow generously for that.
      await waitFor(() => published.every((id) => seen.has(id)), 120_000, `all ${EVENTS} events at the receiver (have ${seen.size})`);
      const deliveredMs = Date.now() - t0;
      const rows = await waitFor(
        async () => {
          const r = await db.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM deliveries GROUP BY status');
          return r.length === 1 && r[0].status === 'succeeded' && r[0].n === EVENTS && r;
        },
        60_000,
        'every delivery succeeded',
      );
      assert.equal(rows[0].n, EVENTS);

      const duplicates = rx.requests.length - seen.size;
      const bound = kills.reduce((a, k) => a + k.leased, 0);
      fig('events published (202)', EVENTS);
      fig('publish time / rate', `${fmtMs(publishMs)} / ${Math.round(EVENTS / (publishMs / 1000))} events/s (32 concurrent clients)`);
      fig('SIGKILLs of a worker (then restarted)', kills.map((k) => `at ${fmtMs(k.at)} (${k.received} received, ${k.leased} leased)`).join('; '));
      fig('events received at least once', `${seen.size} of ${EVENTS}`);
      fig('deliveries succeeded (SQL)', `${rows[0].n} of ${EVENTS}`);
      fig('duplicate receptions', `${duplicates} (bound: ${bound} deliveries under lease at the kills)`);
      fig('time until everything was delivered', fmtMs(deliveredMs));
      fig('environment', CI ? 'CI' : 'developer machine');
      assert.ok(duplicates <= bound, `duplicates ${duplicates} exceed what was in flight at the kills (${bound})`);
    },
    { timeout: 6 * 60_000 },
  );
});
