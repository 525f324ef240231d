// Soak, short: storage stays flat under a steady load on PostgreSQL (issue 22, items 6 and 7).
// The real service with retention shortened to 15 s takes a steady stream of events for 50 s;
// every 2 s the test samples the size of the log (events and every time partition of deliveries
// and attempts) and which partitions exist. Once the first retention window has passed, the size
// must stop growing, retention must have dropped whole partitions, and every event must have
// been delivered. The long version, with throughput during a purge, is `npm run bench -- --soak`
// (docs/benchmarks.md, "Soak").
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { partitionSpan, maintenanceInterval } from '../../src/delivery/retention.ts';
import { startReceiver, eventData, type Receiver } from '../helpers.ts';
import { call, fmtMb, newApiKey, section, sleep, startService, tempDb, type Service, type TempDb } from './support.ts';

const RETENTION_S = 15;
const SECONDS = 50;
const RATE = 60; // events a second
const FANOUT = 2;
const SAMPLE_MS = 2000;

const check = section(
  import.meta.url,
  'Soak: storage under a steady load',
  `PostgreSQL; \`salesos serve\` with \`SALESOS_RETENTION=${RETENTION_S}s\` (time partitions of ${partitionSpan(RETENTION_S * 1000) / 1000} s, a retention round every ${maintenanceInterval(partitionSpan(RETENTION_S * 1000)) / 1000} s) takes ${RATE} events a second, each to ${FANOUT} webhooks, for ${SECONDS} s; the size of events and of every partition of deliveries and attempts is sampled every ${SAMPLE_MS / 1000} s. The long run with throughput during a purge is \`npm run bench -- --soak\` (docs/benchmarks.md).`,
  10,
);

interface Sample {
  t: number;
  bytes: number;
  partitions: string[];
}

describe('soak: a steady load with retention shortened', () => {
  let db: TempDb;
  let rx: Receiver;
  let svc: Service;
  const key = newApiKey();

  before(async () => {
    db = await tempDb('postgres');
    rx = await startReceiver();
    svc = await startService({ ...db.env, SALESOS_API_KEY: key, SALESOS_RETENTION: `${RETENTION_S}s`, SALESOS_RATE_LIMIT: '100000' });
  });
  after(async () => {
    await svc?.kill();
    await rx?.close();
    await db?.drop();
  });

  async function sample(t: number): Promise<Sample> {
    const rows = await db.db.query<{ name: string; bytes: string | number }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent IN ('deliveries'::regclass, 'attempts'::regclass)
       UNION ALL SELECT 'events', pg_total_relation_size('events'::regclass)`,
    );
    return { t, bytes: rows.reduce((a, r) => a + Number(r.bytes), 0), partitions: rows.map((r) => r.name).filter((n) => n !== 'events') };
  }

  check(
    `the log stops growing after the first retention window, whole partitions are dropped, every event is delivered`,
    async (fig) => {
      for (let i = 0; i < FANOUT; i++)
        assert.equal((await call(svc.url, key, 'POST', '/v1/webhooks', { url: `${rx.url}/soak/${i}`, events: ['lead.created'] })).status, 201);
      const published: string[] = [];
      const errors: number[] = [];
      const samples: Sample[] = [];
      const t0 = Date.now();
      let nextSample = 0;
      // A steady rate: each 100 ms, the events due by then.
      while (Date.now() - t0 < SECONDS * 1000) {
        const due = Math.floor(((Date.now() - t0) / 1000) * RATE) - published.length - errors.length;
        await Promise.all(
          Array.from({ length: Math.max(0, due) }, async () => {
            const r = await call<{ id: string }>(svc.url, key, 'POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
            if (r.status === 202) published.push(r.body.id);
            else errors.push(r.status);
          }),
        );
        if (Date.now() - t0 >= nextSample) {
          samples.push(await sample((Date.now() - t0) / 1000));
          nextSample += SAMPLE_MS;
        }
        await sleep(100);
      }
      fig('events published (202) / refused', `${published.length} / ${errors.length}`);
      assert.equal(errors.length, 0, `refused publishes: ${errors.slice(0, 5).join(', ')}`);

      // Every delivery arrives once (retention never drops a pending one).
      const want = published.length * FANOUT;
      await rx.waitFor(want, 60_000);
      const got = new Set(rx.requests.map((r) => `${r.url} ${String(r.headers['webhook-id'])}`));
      fig('deliveries received / expected', `${got.size} / ${want}`);
      assert.equal(got.size, want);

      // After the first window (retention plus a round to act), the size saws between drops but
      // does not grow: the last third's peak is at most a quarter over the middle third's.
      const settled = samples.filter((s) => s.t >= RETENTION_S + 5);
      const third = Math.floor(settled.length / 3);
      const middle = settled.slice(third, 2 * third);
      const last = settled.slice(2 * third);
      const peak = (list: Sample[]) => Math.max(...list.map((s) => s.bytes));
      fig(
        'size at 10 s / at the first window / peak of the middle third / peak of the last third',
        [samples.find((s) => s.t >= 10), settled[0]]
          .map((s) => fmtMb(s?.bytes ?? 0))
          .concat(fmtMb(peak(middle)), fmtMb(peak(last)))
          .join(' / '),
      );
      assert.ok(middle.length >= 3 && last.length >= 3, `samples after the first window: ${settled.length}`);
      assert.ok(peak(last) <= peak(middle) * 1.25, `the log grew: ${fmtMb(peak(middle))} then ${fmtMb(peak(last))}`);

      // Whole partitions went: none of those alive at the first window is left at the end.
      const first = new Set(settled[0].partitions.filter((n) => !n.endsWith('_default')));
      const end = samples.at(-1)!.partitions;
      const dropped = [...first].filter((n) => !end.includes(n));
      fig(
        'partitions alive at the first window / at the end / of the first window dropped',
        `${settled[0].partitions.length} / ${end.length} / ${dropped.length}`,
      );
      assert.ok(dropped.length > 0, 'no partition was dropped');
    },
    { timeout: 4 * 60_000 },
  );
});
