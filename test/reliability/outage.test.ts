// Database outage: PostgreSQL itself is stopped for 10 s in the middle of a run of publishes.
// The process stays up (/healthz), says it is not ready (/readyz 503), answers publishes with a
// clear 503 instead of a 202 for anything it did not store, and once the database is back every
// event that got a 202 is delivered.
// This file stops the machine's PostgreSQL: it runs only in the reliability suite (alone, after
// `npm test`), and always starts PostgreSQL again, even when it fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe } from 'node:test';
import { startApp, startReceiver, waitFor, type Receiver, type TestApp, eventData } from '../helpers.ts';
import { fmtMs, section, sleep } from './support.ts';

const OUTAGE_MS = 10_000;
const check = section(
  import.meta.url,
  'Database outage',
  'PostgreSQL stopped (`pg_ctlcluster … stop -m fast`) for 10 s while 4 clients keep publishing to an in-process service (API and worker).',
  2,
);

const version = () => readdirSync('/etc/postgresql')[0];
const pgctl = (action: 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version(), 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])], {
    stdio: 'pipe',
    timeout: 60_000,
  });
function pgReady(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
async function ensurePgUp(): Promise<void> {
  if (pgReady()) return;
  try {
    pgctl('start');
  } catch {
    // already starting, or started by someone else: wait below
  }
  await waitFor(() => pgReady(), 60_000, 'pg_isready');
}

describe('outage: PostgreSQL stopped for 10 s during publishing and delivery', () => {
  let t: TestApp;
  let rx: Receiver;
  const received = new Set<string>();
  const errors: string[] = [];

  before(async () => {
    await ensurePgUp();
    rx = await startReceiver((req, _n, res) => {
      received.add(String(req.headers['webhook-id']));
      res.writeHead(200).end('ok');
    });
    // Error-level log lines name the cause of any 500.
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (/"level":(40|50|60)/.test(line) && errors.length < 200) errors.push(line.slice(0, 1500));
        done();
      },
    });
    t = await startApp('postgres', { SALESOS_RETRY_SCHEDULE: '200ms,500ms,1s,2s,5s,10s,10s,10s' }, { logStream });
  });
  after(async () => {
    // Whatever happened above, PostgreSQL is running again when this file ends.
    await ensurePgUp();
    await t?.close();
    await rx?.close();
  });

  check(
    'healthz stays up, readyz says 503, publishes get 503 (never a lost 202), and every accepted event is delivered',
    async (fig) => {
      const hook = await t.api<{ id: string }>('POST', '/v1/webhooks', { url: rx.url, events: ['*'] });
      assert.equal(hook.status, 201);

      const accepted: string[] = [];
      const statuses = new Map<number, number>();
      const bad: string[] = [];
      let phase: 'before' | 'down' | 'after' = 'before';
      const during = { accepted: 0, refused: 0 };
      let running = true;
      let n = 0;
      const publisher = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (running) {
            const i = n++;
            const mark = phase;
            let status = 0;
            try {
              const r = await fetch(`${t.url}/v1/events`, {
                method: 'POST',
                headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
                body: JSON.stringify({ type: 'lead.created', data: eventData('lead.created', { last_name: `Outage ${i}` }) }),
                signal: AbortSignal.timeout(20_000),
              });
              status = r.status;
              const body = (await r.json()) as { id?: string; error?: { code: string } };
              if (status === 202 && body.id) accepted.push(body.id);
              else if (status === 503 && body.error?.code === 'service_unavailable' && r.headers.get('retry-after')) {
                // the clear answer: nothing stored, try again
              } else bad.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
            } catch (e) {
              bad.push(`request failed: ${(e as Error).message}`);
            }
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (mark === 'down') {
              if (status === 202) during.accepted++;
              else during.refused++;
            }
            if (status !== 202) await sleep(50);
          }
        }),
      );

      await sleep(2000);
      const beforeCount = accepted.length;
      const stoppedAt = Date.now();
      pgctl('stop');
      phase = 'down';
      const probes = { healthz: new Map<number, number>(), readyz: new Map<number, number>() };
      try {
        while (Date.now() - stoppedAt < OUTAGE_MS) {
          for (const p of ['healthz', 'readyz'] as const) {
            const r = await fetch(`${t.url}/${p}`, { signal: AbortSignal.timeout(5000) });
            probes[p].set(r.status, (probes[p].get(r.status) ?? 0) + 1);
          }
          await sleep(500);
        }
      } finally {
        pgctl('start');
      }
      await waitFor(() => pgReady(), 60_000, 'pg_isready');
      const downMs = Date.now() - stoppedAt;
      phase = 'after';
      const readyAgain = await waitFor(async () => (await fetch(`${t.url}/readyz`)).status === 200 && Date.now(), 30_000, '/readyz 200 again');
      await sleep(3000);
      running = false;
      await publisher;

      const delivered = await waitFor(
        () => accepted.every((id) => received.has(id)) && Date.now(),
        120_000,
        `every accepted event delivered (${accepted.filter((id) => received.has(id)).length}/${accepted.length})`,
      );
      const stored = await t.app.storage.connection.query<{ n: number }>('SELECT count(*)::int AS n FROM events');

      fig('outage', `${fmtMs(downMs)} from stop to pg_isready`);
      fig('/healthz during the outage', [...probes.healthz].map(([s, c]) => `${c}× ${s}`).join(', '));
      fig('/readyz during the outage', [...probes.readyz].map(([s, c]) => `${c}× ${s}`).join(', '));
      fig('/readyz back to 200', `${fmtMs(readyAgain - stoppedAt - downMs)} after pg_isready`);
      fig('publish answers', [...statuses].map(([s, c]) => `${c}× ${s}`).join(', '));
      fig('publishes started during the outage', `${during.refused} refused with 503, ${during.accepted} accepted (committed as the stop began)`);
      fig(
        'accepted (202) events',
        `${accepted.length} (${beforeCount} before the stop); all ${accepted.length} delivered, ${fmtMs(delivered - stoppedAt - downMs)} after the restart`,
      );
      fig('events stored', stored[0].n);

      if (process.env.OUTAGE_LOG) writeFileSync(process.env.OUTAGE_LOG, errors.join('\n'));
      const unhandled = errors.filter((l) => l.includes('unhandled error'));
      if (unhandled.length) fig('unhandled errors logged', unhandled.join(' | '));
      assert.deepEqual(bad, [], 'every answer is a 202 or a clear 503 service_unavailable with Retry-After');
      assert.ok(
        [...probes.healthz.keys()].every((s) => s === 200),
        '/healthz answers 200 throughout',
      );
      assert.ok(probes.readyz.get(503), '/readyz answers 503 during the outage');
      assert.ok(
        [...probes.readyz.keys()].every((s) => s === 503),
        '/readyz never claims ready while the database is down',
      );
      assert.ok(during.refused > 0, 'some publishes were refused during the outage');
      assert.ok(stored[0].n >= accepted.length, 'every accepted event is stored');
    },
    { timeout: 4 * 60_000 },
  );
});
