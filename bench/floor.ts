// `node --import tsx bench/floor.ts [--events=N] [--concurrency=N] [--seconds=N]`: the storage
// floor. SalesOS's own PostgreSQL writes for each delivery, with no HTTP anywhere: publishes of N
// events × 10 webhooks in one statement (the Publisher over the PostgreSQL outbox, every delivery
// leased to the caller, as the fast path does), then the outcome of each delivery
// (DeliveryStore.complete, as after a 2xx answer). It
// prints PostgreSQL's CPU (all its processes, from /proc) and this process's CPU per 1,000
// deliveries: what the writes alone cost, whatever the HTTP side does.
import type { LocalDispatch } from '../src/delivery/local.ts';
import { compactRequestHeaders, deliveryHeaders } from '../src/delivery/signer.ts';
import { Publisher } from '../src/events/publisher.ts';
import { SubscriberCache } from '../src/events/subscribers.ts';
import { newId } from '../src/ids.ts';
import type { ClaimedWork, OutcomeRecord } from '../src/store/ports.ts';
import { openPostgres } from '../src/store/postgres/storage.ts';
import { WebhookChanges } from '../src/webhooks/changes.ts';
import { numberArg, ownCpuSeconds, postgresCpuSeconds, sleep } from './lib.ts';

const EVENTS = numberArg('events', 20);
const CONCURRENCY = numberArg('concurrency', 8);
const SECONDS = numberArg('seconds', 10);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_floor_${process.pid}`;

const storage = await openPostgres({ url: PG_URL, schema: SCHEMA });
const db = storage.connection;
try {
  await storage.migrate();
  const org = 'org_floor';
  const t = Date.now();
  await db.exec('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)', [org, 'floor', t]);
  for (let i = 0; i < 10; i++) {
    await db.exec('INSERT INTO webhooks (organization_id, id, url, events, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
      org,
      `wh_${i}`,
      `http://127.0.0.1:9/ep/${i}`,
      '["*"]',
      t,
      t,
    ]);
    await db.exec('INSERT INTO webhook_secrets (organization_id, webhook_id, id, secret, created_at) VALUES (?, ?, ?, ?, ?)', [
      org,
      `wh_${i}`,
      `whs_${i}`,
      `whsec_${Buffer.alloc(32, i).toString('base64')}`,
      t,
    ]);
  }
  const hooks = new SubscriberCache(new WebhookChanges());
  const object = { id: 'lead_1', object: 'lead', notes: 'x'.repeat(800) };
  let delivered = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      let work: ClaimedWork[] = [];
      const local: LocalDispatch = { leaseMs: 60_000, leaseFor: () => 60_000, tryReserve: () => true, unreserve: () => {}, adopt: (w) => void (work = w) };
      const publisher = new Publisher(storage.outbox, hooks, local);
      const { handoff } = await publisher.stage(
        storage.outbox,
        Array.from({ length: EVENTS }, () => ({ organizationId: org, input: { type: 'lead.created', data: { object } } })),
      );
      handoff.commit();
      const now = Date.now();
      const outcomes: OutcomeRecord[] = work.map((w) => ({
        work: w,
        attempt: {
          id: newId('att', now),
          attempt_number: 1,
          trigger: 'scheduled',
          started_at: now,
          duration_ms: 1,
          request_headers: compactRequestHeaders(
            deliveryHeaders({ secrets: w.secrets, eventId: w.event_id, eventType: w.event_type, body: w.body, attempt: 1, now }),
            { eventId: w.event_id, eventType: w.event_type, attempt: 1 },
          ),
          response_status: 200,
          response_headers: { 'content-length': '0', date: new Date(now).toUTCString(), connection: 'keep-alive', 'keep-alive': 'timeout=5' },
          response_body: '',
          error_class: null,
          error_message: null,
        },
        status: 'succeeded',
        next_attempt_at: null,
        health: null,
      }));
      // Not `delivered += await …`: that reads delivered before the await, and loses what the
      // other loops added meanwhile.
      const written = await storage.deliveries.complete(outcomes);
      delivered += written;
    }
  };
  const loops = Array.from({ length: CONCURRENCY }, loop);
  await sleep(3000); // warm-up
  const d0 = delivered;
  const p0 = postgresCpuSeconds();
  const o0 = ownCpuSeconds();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const n = delivered - d0;
  const p1 = postgresCpuSeconds();
  const o1 = ownCpuSeconds();
  const t1 = performance.now();
  running = false;
  await Promise.all(loops);
  const per1k = (cpuS: number) => Math.round((cpuS * 1e6 * 10) / n) / 10;
  console.log(
    JSON.stringify({
      events_per_statement: EVENTS,
      deliveries_per_statement: EVENTS * 10,
      concurrency: CONCURRENCY,
      deliveries_per_s: Math.round(n / ((t1 - t0) / 1000)),
      postgres_cpu_ms_per_1k: per1k(p1 - p0),
      client_cpu_ms_per_1k: per1k(o1 - o0),
    }),
  );
} finally {
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => {});
  await storage.close();
}
