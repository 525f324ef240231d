// `npm run bench -- --soak [--minutes=8] [--rate=200] [--fanout=5] [--retention=2m]`: storage under
// sustained load (issue 22 item 6). The real `salesos serve` on PostgreSQL with retention shortened
// (2 minutes: time partitions of 4 s, a maintenance round every 5 s, see
// src/delivery/retention.ts) takes events at a steady rate over HTTP, each fanned out to
// `fanout` webhooks of one receiver, for ≤ 10 minutes. Every 3 seconds it samples the storage
// (pg_total_relation_size of events and of every partition of deliveries and attempts) and the
// deliveries the receiver got. Reports whether the size stays flat (within 10%) once the first
// retention window has passed, and the delivery throughput of the intervals in which retention
// dropped a partition against those in which it did not (≥ 90%). See docs/benchmarks.md, "Soak".
import pg from 'pg';
import { dropSchemas } from './cleanup.ts';
import { httpPublisher, now, Receiver, round, sleep } from './lib.ts';
import type { Options } from './options.ts';
import { API_KEY, createHooks, startService } from './service.ts';

const log = (...m: unknown[]) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...m);
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const DURATIONS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
function ms(text: string): number {
  const m = /^(\d+)([smh])$/.exec(text);
  if (!m) throw new Error(`--retention: expected e.g. 2m, got ${text}`);
  return Number(m[1]) * DURATIONS[m[2]];
}

interface Sample {
  /** Seconds since the load started. */
  t: number;
  bytes: { events: number; deliveries: number; attempts: number; total: number };
  partitions: string[];
  /** Deliveries received since the previous sample, per second. */
  dps: number;
  /** A partition was dropped since the previous sample. */
  purge: boolean;
}

export async function runSoak(opts: Options): Promise<void> {
  const minutes = Math.min(10, Number(arg('minutes') ?? 8));
  const rate = Number(arg('rate') ?? 200);
  const fanout = Number(arg('fanout') ?? 5);
  const retention = arg('retention') ?? '2m';
  const retentionMs = ms(retention);
  const schema = `${opts.runId}_soak`;
  const client = new pg.Client({ connectionString: opts.pgUrl });
  await client.connect();
  const rx = await Receiver.start();
  const svc = await startService({
    DATABASE_URL: opts.pgUrl,
    SALESOS_DB_SCHEMA: schema,
    SALESOS_DATA_DIR: `/tmp/${schema}`,
    SALESOS_RETENTION: retention,
    SALESOS_DELIVERY_TIMEOUT: opts.timeout,
    SALESOS_RATE_LIMIT: '1000000',
  });
  const pub = httpPublisher(svc.origin, '/v1/events', { authorization: `Bearer ${API_KEY}` }, 'lead.created', 16);
  const samples: Sample[] = [];
  try {
    await createHooks(
      svc,
      Array.from({ length: fanout }, (_, i) => rx.url(`/soak/${i}`)),
      ['lead.*'],
    );
    log(`${minutes} min at ${rate} events/s × ${fanout} webhooks, retention ${retention}, schema ${schema}`);
    const started = now();
    const until = started + minutes * 60_000;
    // The load: `rate` publishes a second, spread evenly, up to 64 in flight.
    let seq = 0;
    let inFlight = 0;
    const load = (async () => {
      while (now() < until) {
        const due = started + (seq * 1000) / rate;
        if (due > now()) await sleep(due - now());
        if (inFlight >= 64) {
          await sleep(1);
          continue;
        }
        inFlight++;
        void pub.publish(seq++).finally(() => inFlight--);
      }
    })();
    let prev = { at: now(), total: Receiver.count(await rx.snapshot(), '/soak/'), parts: await partitions(client, schema) };
    while (now() < until) {
      await sleep(3000);
      const at = now();
      const total = Receiver.count(await rx.snapshot(), '/soak/');
      const parts = await partitions(client, schema);
      const bytes = await sizes(client, schema);
      const purge = prev.parts.some((p) => !parts.includes(p));
      const s: Sample = {
        t: round((at - started) / 1000, 1),
        bytes,
        partitions: parts,
        dps: Math.round(((total - prev.total) * 1000) / (at - prev.at)),
        purge,
      };
      samples.push(s);
      log(
        `t=${s.t}s size ${mb(bytes.total)} MB (events ${mb(bytes.events)}, deliveries ${mb(bytes.deliveries)}, attempts ${mb(bytes.attempts)}), ${parts.length} partitions, ${s.dps} deliveries/s${purge ? ', dropped a partition' : ''}`,
      );
      prev = { at, total, parts };
    }
    await load;
    const report = summarize(samples, { minutes, rate, fanout, retentionMs, errors: pub.errors() });
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await pub.close();
    await svc.stop();
    await rx.child.stop();
    await client.end();
    await dropSchemas(opts.pgUrl, { names: [schema] });
  }
}

const mb = (b: number) => round(b / 2 ** 20, 1);

async function partitions(client: pg.Client, schema: string): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent IN (to_regclass($1 || '.deliveries'), to_regclass($1 || '.attempts')) ORDER BY 1`,
    [schema],
  );
  return r.rows.map((x) => x.name);
}

async function sizes(client: pg.Client, schema: string): Promise<Sample['bytes']> {
  const r = await client.query<{ t: string; b: string }>(
    `SELECT 'events' AS t, pg_total_relation_size(to_regclass($1 || '.events')) AS b
     UNION ALL SELECT p.relname, sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
       WHERE i.inhparent IN (to_regclass($1 || '.deliveries'), to_regclass($1 || '.attempts')) GROUP BY p.relname`,
    [schema],
  );
  const by = Object.fromEntries(r.rows.map((x) => [x.t, Number(x.b)]));
  const out = { events: by.events ?? 0, deliveries: by.deliveries ?? 0, attempts: by.attempts ?? 0, total: 0 };
  out.total = out.events + out.deliveries + out.attempts;
  return out;
}

export function summarize(samples: Sample[], run: { minutes: number; rate: number; fanout: number; retentionMs: number; errors: number }) {
  // After the first retention window (and a span and a round for the first drop), the log holds
  // one retention's worth: from then on its size should stay where it is.
  const settledAt = (run.retentionMs * 1.3) / 1000 + 15;
  const settled = samples.filter((s) => s.t >= settledAt);
  const sizes = settled.map((s) => s.bytes.total);
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const spread = sizes.length ? (Math.max(...sizes) - Math.min(...sizes)) / mean : NaN;
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const steady = settled.length ? settled : samples;
  const during = avg(steady.filter((s) => s.purge).map((s) => s.dps));
  const without = avg(steady.filter((s) => !s.purge).map((s) => s.dps));
  // The size follows the rate of the last retention window (a busy host's rate swings) and saws
  // by a partition and a round (together some 7% of it) between drops: flat is also judged on the mean of each window.
  const windows: number[] = [];
  for (let from = settledAt; from + run.retentionMs / 1000 <= (samples.at(-1)?.t ?? 0) + 1; from += run.retentionMs / 1000) {
    const w = samples.filter((s) => s.t >= from && s.t < from + run.retentionMs / 1000);
    if (w.length) windows.push(avg(w.map((s) => s.bytes.total)));
  }
  const drift = windows.length > 1 ? (Math.max(...windows) - Math.min(...windows)) / windows[0] : NaN;
  return {
    settings: { minutes: run.minutes, rate_events_per_s: run.rate, fanout: run.fanout, retention_s: run.retentionMs / 1000, sample_every_s: 3 },
    publish_errors: run.errors,
    settled_after_s: settledAt,
    size_mb: { min: mb(Math.min(...sizes)), max: mb(Math.max(...sizes)), mean: mb(mean), spread: round(spread * 100, 1) + '%' },
    size_flat_within_10pct: spread <= 0.1,
    window_mean_mb: windows.map(mb),
    window_means_within_10pct: drift <= 0.1,
    window_drift: round(drift * 100, 1) + '%',
    deliveries_per_s: { during_purge: Math.round(during), without_purge: Math.round(without), ratio: round(during / without, 3) },
    throughput_during_purge_ge_90pct: during / without >= 0.9,
    partitions_at_end: samples.at(-1)?.partitions.length ?? 0,
    samples: samples.map((s) => ({ t: s.t, mb: mb(s.bytes.total), events_mb: mb(s.bytes.events), dps: s.dps, purge: s.purge })),
  };
}
