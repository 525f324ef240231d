// Fairness between organizations (SalesOS on PostgreSQL): organization B publishes at a fixed 20
// events/s to one webhook, alone, then while organization A publishes a flood (`events` × 10
// webhooks) as fast as it can, then while a backlog of A's deliveries drains; B's publish→receipt
// percentiles in each, and A's deliveries/s with B beside it against A alone. Run by `npm run
// bench` after the isolation phase, on the last round's service; alone:
//   node --import tsx bench/fairness.ts [--quick] [--events=20000] [--fairness-backlog=200000]
// See docs/benchmarks.md, "How it measures".
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { dropSchemas } from './cleanup.ts';
import { eventObject, now, numberArg, percentile, Receiver, round, sleep } from './lib.ts';
import { parseOptions, type Options } from './options.ts';
import { insertBacklog } from './scale.ts';
import { createHooks, createOrganizations, startService, type Service } from './service.ts';

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

/** B's publish→receipt over one part of the phase (ms). */
export interface BLatency {
  sent: number;
  received: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Fairness {
  b_rate: number;
  a_events: number;
  fanout: number;
  backlog: number;
  /** B at b_rate with nothing else going on. */
  b_alone: BLatency;
  /** A's flood alone: deliveries/s from its first publish to its last delivery. */
  a_alone_dps: number;
  /** B at b_rate while A's flood runs, and A's deliveries/s meanwhile. */
  b_during_flood: BLatency;
  a_with_b_dps: number;
  /** a_with_b_dps / a_alone_dps. */
  a_ratio: number;
  /** B at b_rate while A's backlog drains, and the backlog's deliveries/s. */
  b_during_backlog: BLatency;
  backlog_dps: number;
}

export const B_RATE = 20;
const FANOUT = 10;
const PUBLISHERS = 32;

/** A's publisher: as the bench's, but its events carry no publish time (only B's latencies are read). */
function floodPublisher(origin: string, key: string) {
  const pool = new Pool(origin, { connections: PUBLISHERS, pipelining: 1 });
  let errors = 0;
  return {
    errors: () => errors,
    async publish(seq: number) {
      const body = JSON.stringify({ type: 'lead.created', data: { object: eventObject(now(), seq) } }).replace('bench_t=', 'flood_t=');
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/v1/events',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body,
        });
        await res.body.dump();
        if (res.statusCode >= 300) errors++;
      } catch {
        errors++;
      }
    },
    close: () => pool.close(),
  };
}

/** B's publisher: one event at a time per call, each with its publish time. */
function ratePublisher(origin: string, key: string) {
  const pool = new Pool(origin, { connections: 8, pipelining: 1 });
  return {
    async publish(seq: number) {
      const body = JSON.stringify({ type: 'lead.created', data: { object: eventObject(now(), seq) } });
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/v1/events',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body,
        });
        await res.body.dump();
      } catch {
        // counted as not received
      }
    },
    close: () => pool.close(),
  };
}

/** B publishes at B_RATE until `stop()` answers true (checked every 5 ms); its events' publish times span [from, end). */
async function bAtRate(pub: ReturnType<typeof ratePublisher>, stop: () => boolean): Promise<{ from: number; end: number; sent: number }> {
  const from = now();
  let sent = 0;
  const inflight: Array<Promise<void>> = [];
  while (!stop()) {
    const due = Math.floor(((now() - from) / 1000) * B_RATE);
    while (sent < due) inflight.push(pub.publish(sent++));
    await sleep(5);
  }
  const end = now();
  await Promise.all(inflight);
  return { from, end, sent };
}

/** B's latencies for the events it published in [from, end), once all arrived (or 10 s). */
async function bLatency(rx: Receiver, w: { from: number; end: number; sent: number }): Promise<BLatency> {
  let lat: number[] = [];
  for (let i = 0; i < 100; i++) {
    const s = await rx.snapshot(true);
    lat = (s.latencies ?? []).filter(([t]) => t >= w.from && t < w.end).map(([, l]) => l);
    if (lat.length >= w.sent) break;
    await sleep(100);
  }
  lat.sort((a, b) => a - b);
  return {
    sent: w.sent,
    received: lat.length,
    p50: round(percentile(lat, 50), 2),
    p95: round(percentile(lat, 95), 2),
    p99: round(percentile(lat, 99), 2),
    max: round(lat[lat.length - 1] ?? NaN, 2),
  };
}

/** Waits until `prefix` has received `count` deliveries more than `base` (or `maxS` seconds); answers when the last arrived. */
async function untilReceived(rx: Receiver, prefix: string, base: number, count: number, maxS: number): Promise<number> {
  const deadline = now() + maxS * 1000;
  let last = 0;
  let seen = -1;
  for (;;) {
    const s = await rx.snapshot();
    const n = Receiver.count(s, prefix) - base;
    if (n !== seen) [seen, last] = [n, s.at];
    if (n >= count || now() > deadline) return last;
    await sleep(20);
  }
}

/** A's flood: `events` publishes by PUBLISHERS at once, as fast as they are answered; its deliveries/s to the end. */
async function flood(rx: Receiver, svc: Service, key: string, events: number, maxS: number): Promise<{ dps: number; errors: number }> {
  const base = Receiver.count(await rx.snapshot(), '/fair/a/');
  const pub = floodPublisher(svc.origin, key);
  const start = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PUBLISHERS }, async () => {
      while (next < events) await pub.publish(next++);
    }),
  );
  const last = await untilReceived(rx, '/fair/a/', base, events * FANOUT, maxS);
  await pub.close();
  const delivered = Receiver.count(await rx.snapshot(), '/fair/a/') - base;
  return { dps: delivered / ((last - start) / 1000), errors: pub.errors() };
}

/**
 * The phase, on a running service of SalesOS on PostgreSQL (`schema`): two organizations of its
 * own, A with 10 webhooks and B with one, all to `rx`.
 */
export async function fairness(opts: Options, rx: Receiver, svc: Service, schema: string): Promise<Fairness> {
  const events = numberArg('events', opts.quick ? 2000 : 20_000);
  const backlogN = numberArg('fairness-backlog', opts.quick ? 20_000 : 200_000);
  const windowMs = opts.latencyWindowMs;
  const env = { DATABASE_URL: opts.pgUrl, SALESOS_DB_SCHEMA: schema };
  const [keyA, keyB] = await createOrganizations(env, [`fairness-a-${opts.runId}`, `fairness-b-${opts.runId}`]);
  const hooksA = await createHooks(
    svc,
    Array.from({ length: FANOUT }, (_, i) => rx.url(`/fair/a/${i}`)),
    ['lead.created'],
    keyA,
  );
  await createHooks(svc, [rx.url('/fair/b/0')], ['lead.created'], keyB);
  const pubB = ratePublisher(svc.origin, keyB);
  const maxS = opts.quick ? 60 : 300;
  try {
    rx.reset();
    await sleep(1000);
    // B alone.
    const aloneEnd = now() + windowMs;
    const bAlone = await bLatency(rx, await bAtRate(pubB, () => now() >= aloneEnd));
    log(`postgres: fairness: B alone at ${B_RATE}/s: p99 ${bAlone.p99} ms (${bAlone.received}/${bAlone.sent})`);

    // A's flood alone, then with B beside it.
    const aAlone = await flood(rx, svc, keyA, events, maxS);
    log(`postgres: fairness: A's flood alone (${events} events × ${FANOUT}): ${Math.round(aAlone.dps)} deliveries/s`);
    await sleep(1000);
    let flooding = true;
    const bDuring = bAtRate(pubB, () => !flooding);
    const aWithB = await flood(rx, svc, keyA, events, maxS).finally(() => (flooding = false));
    const bFlood = await bLatency(rx, await bDuring);
    log(
      `postgres: fairness: B during A's flood: p99 ${bFlood.p99} ms (${bFlood.received}/${bFlood.sent}); A ${Math.round(aWithB.dps)} deliveries/s (${round(aWithB.dps / aAlone.dps, 3)} of alone)`,
    );

    // A's backlog, due an hour ago, drained while B publishes.
    log(`postgres: fairness: inserting a backlog of ${backlogN} deliveries for A`);
    const orgA = await organizationOf(opts.pgUrl, schema, hooksA[0].id);
    const base = Receiver.count(await rx.snapshot(), '/fair/a/');
    await insertBacklog(
      opts.pgUrl,
      schema,
      orgA,
      hooksA.map((h) => h.id),
      backlogN,
    );
    // The workers find it at their next poll (at most a second).
    const drainStart = now();
    let draining = true;
    const bBacklog = bAtRate(pubB, () => !draining);
    const last = await untilReceived(rx, '/fair/a/', base, backlogN, maxS).finally(() => (draining = false));
    const drained = Receiver.count(await rx.snapshot(), '/fair/a/') - base;
    const bDrain = await bLatency(rx, await bBacklog);
    const backlogDps = drained / ((last - drainStart) / 1000);
    log(
      `postgres: fairness: B while A's backlog drains: p99 ${bDrain.p99} ms (${bDrain.received}/${bDrain.sent}); backlog ${Math.round(backlogDps)} deliveries/s`,
    );
    return {
      b_rate: B_RATE,
      a_events: events,
      fanout: FANOUT,
      backlog: backlogN,
      b_alone: bAlone,
      a_alone_dps: round(aAlone.dps, 0),
      b_during_flood: bFlood,
      a_with_b_dps: round(aWithB.dps, 0),
      a_ratio: round(aWithB.dps / aAlone.dps, 3),
      b_during_backlog: bDrain,
      backlog_dps: round(backlogDps, 0),
    };
  } finally {
    await pubB.close();
  }
}

async function organizationOf(url: string, schema: string, webhookId: string): Promise<string> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ organization_id: string }>(`SELECT organization_id FROM ${schema}.webhooks WHERE id = $1`, [webhookId])).rows[0]
      .organization_id;
  } finally {
    await client.end();
  }
}

/** Alone: a receiver, SalesOS on PostgreSQL in a schema of its own, the phase, its figures on stdout. */
async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const rx = await Receiver.start();
  const schema = `${opts.runId}_fair`;
  const dataDir = mkdtempSync(join(tmpdir(), 'salesos-bench-'));
  let svc: Service | null = null;
  try {
    svc = await startService({ SALESOS_DATA_DIR: dataDir, SALESOS_DELIVERY_TIMEOUT: opts.timeout, DATABASE_URL: opts.pgUrl, SALESOS_DB_SCHEMA: schema });
    const result = await fairness(opts, rx, svc, schema);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await svc?.stop();
    await rx.child.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchemas(opts.pgUrl, { names: [schema] });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
