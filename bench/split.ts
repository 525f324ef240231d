// `node --import tsx bench/split.ts [--rounds=N] [--seconds=N] [--sqlite]`: SalesOS at saturation,
// as `npm run bench` drives it (32 publishers through the API, fan-out to 10 endpoints of one
// receiver), with the CPU of every process per 1,000 deliveries: the service, PostgreSQL (all its
// processes, from /proc), the receiver and this driver. Where the two cores go, round by round.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { cpuSeconds, httpPublisher, numberArg, ownCpuSeconds, postgresCpuSeconds, Receiver, saturate } from './lib.ts';
import { API_KEY, createHooks, startService } from './service.ts';

const ROUNDS = numberArg('rounds', 3);
const SECONDS = numberArg('seconds', 5);
const SQLITE = process.argv.includes('--sqlite');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_split_${process.pid}`;
const DATA_DIR = `/tmp/${SCHEMA}`;

const rx = await Receiver.start();
const svc = await startService({
  SALESOS_DATA_DIR: DATA_DIR,
  SALESOS_DELIVERY_TIMEOUT: '3s',
  ...(SQLITE ? {} : { DATABASE_URL: PG_URL, SALESOS_DB_SCHEMA: SCHEMA }),
});
try {
  await createHooks(
    svc,
    Array.from({ length: 10 }, (_, i) => rx.url(`/ep/sat/${i}`)),
    ['lead.*'],
  );
  const pub = httpPublisher(svc.origin, '/v1/events', { authorization: `Bearer ${API_KEY}` }, 'lead.created');
  const run = (warmupMs: number, windowMs: number) => saturate({ rx, publish: pub.publish, prefix: '/ep/sat/', fanout: 10, warmupMs, windowMs, pid: svc.pid });
  await run(8000, 1000); // warm-up: V8 optimizes the hot paths
  for (let r = 0; r < ROUNDS; r++) {
    const before = { svc: cpuSeconds(svc.pid), rx: cpuSeconds(rx.child.pid), pg: postgresCpuSeconds(), driver: ownCpuSeconds() };
    const w = await run(300, SECONDS * 1000);
    const per1k = (a: number, b: number) => Math.round(((a - b) * 1e6) / w.deliveries);
    const split = {
      service: per1k(cpuSeconds(svc.pid), before.svc),
      postgres: SQLITE ? 0 : per1k(postgresCpuSeconds(), before.pg),
      receiver: per1k(cpuSeconds(rx.child.pid), before.rx),
      driver: per1k(ownCpuSeconds(), before.driver),
    };
    const total = split.service + split.postgres + split.receiver + split.driver;
    console.log(
      JSON.stringify({
        deliveries_per_s: Math.round(w.dps),
        cpu_ms_per_1k: { ...split, total },
        queue_full_share: Math.round(100 * (w.queueFullShare ?? 0)) / 100,
      }),
    );
  }
  await pub.close();
} finally {
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
