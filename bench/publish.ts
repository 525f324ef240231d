// `node --import tsx bench/publish.ts [--rounds=N] [--seconds=N] [--sqlite] [--mode=single|batch] [--json]`:
// the publish path alone, single events (POST /v1/events) against batches (POST /v1/events/batch,
// 100 a request), over HTTP with 32 concurrent clients, each event fanned out to one webhook of a
// receiver (so each publish queues a delivery, as in production). Reports accepted events per
// second, the service's CPU per 1,000 events and its peak RSS, in alternating rounds; `--mode`
// runs one kind only (a CPU profile of single publishes: BENCH_PROFILE_DIR, see bench/service.ts).
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { Pool } from 'undici';
import { cpuSeconds, eventObject, numberArg, now, peakRssMb, Receiver, sleep } from './lib.ts';
import { API_KEY, createHooks, startService } from './service.ts';

const ROUNDS = numberArg('rounds', 3);
const SECONDS = numberArg('seconds', 5);
const SQLITE = process.argv.includes('--sqlite');
const JSON_OUT = process.argv.includes('--json');
const MODE = process.argv.find((a) => a.startsWith('--mode='))?.slice(7) ?? 'both';
if (!['single', 'batch', 'both'].includes(MODE)) throw new Error(`--mode is single, batch or both, not ${MODE}`);
const SINGLE = MODE !== 'batch';
const BATCH_TOO = MODE !== 'single';
const BATCH = 100;
const CLIENTS = 32;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_publish_${process.pid}`;
const DATA_DIR = `/tmp/${SCHEMA}`;

const rx = await Receiver.start();
const svc = await startService({
  SALESOS_DATA_DIR: DATA_DIR,
  SALESOS_DELIVERY_TIMEOUT: '3s',
  // The per-key request limit (2,000/s by default) would cap single publishes: this measures the path.
  SALESOS_RATE_LIMIT: '1000000',
  // BENCH_LOG_LEVEL=info: with the request log `npm start` writes by default (the benchmark's is warn).
  ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
  ...(SQLITE ? {} : { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: SCHEMA }),
});
const pool = new Pool(svc.origin, { connections: CLIENTS, pipelining: 1 });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };

/** Publishes for `ms` with CLIENTS concurrent clients; answers events accepted per second and errors. */
async function drive(mode: 'single' | 'batch', ms: number): Promise<{ eps: number; errors: number; cpuMsPer1k: number }> {
  let accepted = 0;
  let errors = 0;
  let seq = 0;
  const until = now() + ms;
  const cpu0 = cpuSeconds(svc.pid);
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (now() < until) {
        const n = mode === 'single' ? 1 : BATCH;
        const events = Array.from({ length: n }, () => ({ type: 'lead.created', data: { object: eventObject(now(), seq++) } }));
        const body = JSON.stringify(mode === 'single' ? events[0] : { events });
        try {
          const res = await pool.request({ method: 'POST', path: mode === 'single' ? '/v1/events' : '/v1/events/batch', headers, body });
          await res.body.dump();
          if (res.statusCode === 202) accepted += n;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const cpu = cpuSeconds(svc.pid) - cpu0;
  return { eps: Math.round((accepted * 1000) / ms), errors, cpuMsPer1k: accepted ? Math.round((cpu * 1e6) / accepted) : 0 };
}

try {
  await createHooks(svc, [rx.url('/pub/0')], ['lead.*']);
  // Warm-up: V8 optimizes the hot paths.
  if (SINGLE) await drive('single', 3000);
  if (BATCH_TOO) await drive('batch', 3000);
  type Result = Awaited<ReturnType<typeof drive>>;
  const rounds: Array<{ single: Result | null; batch: Result | null; load: number }> = [];
  const show = (r: Result | null) => (r ? `${r.eps} events/s (${r.cpuMsPer1k} CPU ms/1k)` : '-');
  for (let r = 0; r < ROUNDS; r++) {
    const load = loadavg()[0];
    const single = SINGLE ? await drive('single', SECONDS * 1000) : null;
    if (SINGLE) await sleep(1000);
    const batch = BATCH_TOO ? await drive('batch', SECONDS * 1000) : null;
    if (BATCH_TOO) await sleep(1000);
    rounds.push({ single, batch, load });
    if (!JSON_OUT) console.log(`round ${r + 1} (load ${load.toFixed(1)}): single ${show(single)}, batch ${show(batch)}`);
  }
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
  const of = (kind: 'single' | 'batch', f: (r: Result) => number) => median(rounds.flatMap((r) => (r[kind] ? [f(r[kind])] : [])));
  const summary = {
    backend: SQLITE ? 'sqlite' : 'postgres',
    single_eps: of('single', (r) => r.eps),
    batch_eps: of('batch', (r) => r.eps),
    single_cpu_ms_per_1k: of('single', (r) => r.cpuMsPer1k),
    batch_cpu_ms_per_1k: of('batch', (r) => r.cpuMsPer1k),
    peak_rss_mib: peakRssMb(svc.pid),
    load: rounds.map((r) => Math.round(r.load * 10) / 10),
    errors: rounds.reduce((a, r) => a + (r.single?.errors ?? 0) + (r.batch?.errors ?? 0), 0),
  };
  console.log(JSON.stringify(summary));
} finally {
  await pool.close();
  await svc.stop();
  await rx.child.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
  if (!SQLITE) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  }
}
