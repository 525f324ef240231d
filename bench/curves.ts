// `npm run bench -- --scale [--quick] [--json] [--only=postgres,sqlite] [--curves=fanout,orgs,payload]`:
// how SalesOS's throughput and publish→receipt latency change with the shape of the work.
//
// - fan-out: one event type that 1, 10, 100 or 1,000 webhooks subscribe to (one organization);
// - organizations: 1, 100 or 10,000 (1,000 with --quick) organizations with one webhook each,
//   every event published with its own organization's key, round-robin;
// - payload: delivered bodies of 1 KiB, 64 KiB and 256 KiB (SalesOS's largest) at fan-out 10.
//
// Each point gets a fresh service and database. Its saturation is measured as `npm run bench`
// measures it (32 publishers, a bounded number of deliveries in flight, a warm-up then a
// window); then, once the saturation's deliveries have arrived, the latency at a fixed rate of
// min(1,000, half the point's saturation) deliveries/s. The per-key rate limit is lifted
// (SALESOS_RATE_LIMIT): with one organization at fan-out 1 it, not delivery, would set the pace.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropSchemas } from './cleanup.ts';
import { curvesTable, type CurvePoint } from './curves-table.ts';
import { fixedRate, httpPublisher, now, peakRssMb, Receiver, round, saturate, untilStill } from './lib.ts';
import type { Options } from './options.ts';
import { API_KEY, createHooks, createOrganizations, startService } from './service.ts';

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

interface PointSpec {
  curve: CurvePoint['curve'];
  x: number;
  fanout: number;
  orgs: number;
  bytes: number;
}

function points(opts: Options): PointSpec[] {
  const out: PointSpec[] = [];
  if (opts.curves.includes('fanout')) for (const f of [1, 10, 100, 1000]) out.push({ curve: 'fanout', x: f, fanout: f, orgs: 1, bytes: 1024 });
  if (opts.curves.includes('orgs')) for (const o of [1, 100, opts.quick ? 1000 : 10_000]) out.push({ curve: 'orgs', x: o, fanout: 1, orgs: o, bytes: 1024 });
  if (opts.curves.includes('payload')) for (const b of [1024, 64 * 1024, 256 * 1024]) out.push({ curve: 'payload', x: b, fanout: 10, orgs: 1, bytes: b });
  return out;
}

/** Runs `fn` over `items`, `n` at a time. */
async function inParallel<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function measure(opts: Options, rx: Receiver, backend: 'postgres' | 'sqlite', p: PointSpec): Promise<CurvePoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'salesos-curves-'));
  const schema = backend === 'postgres' ? `${opts.runId}_${p.curve}_${p.x}` : null;
  const env: Record<string, string> = { SALESOS_DATA_DIR: dataDir, SALESOS_DELIVERY_TIMEOUT: opts.timeout, SALESOS_RATE_LIMIT: '1000000' };
  if (schema) Object.assign(env, { DATABASE_URL: opts.pgUrl, SALESOS_DB_SCHEMA: schema });
  const t0 = now();
  // More organizations than the default one: created first, as `salesos keys create --org` does.
  const keys =
    p.orgs > 1
      ? await createOrganizations(
          env,
          Array.from({ length: p.orgs }, (_, i) => `bench-org-${i}`),
        )
      : [API_KEY];
  const svc = await startService(env);
  try {
    // Every webhook has a URL of its own; the receiver counts them together under /c/.
    const url = (i: number) => rx.url(`/c/sat?h=${i}`);
    if (p.orgs > 1) await inParallel(keys, 16, async (key, i) => void (await createHooks(svc, [url(i)], ['lead.*'], key)));
    else
      await createHooks(
        svc,
        Array.from({ length: p.fanout }, (_, i) => url(i)),
        ['lead.*'],
      );
    const setupS = round((now() - t0) / 1000, 1);
    const headers = (seq: number) => ({ authorization: `Bearer ${keys[seq % keys.length]}` });

    rx.reset();
    const pub = httpPublisher(svc.origin, '/v1/events', headers, 'lead.created', 32, p.bytes);
    // Deliveries in flight: as `npm run bench` (4,000), fewer when each is large (128 MiB in all),
    // more when one event makes a thousand.
    const inflight = Math.max(p.fanout * 8, Math.min(4000, Math.floor((128 * 2 ** 20) / p.bytes)));
    const w = await saturate({
      rx,
      publish: pub.publish,
      prefix: '/c/',
      fanout: p.fanout,
      warmupMs: opts.warmupMs,
      windowMs: opts.windowMs,
      pid: svc.pid,
      backlog: inflight,
    });
    await pub.close();
    log(
      `${backend} ${p.curve}=${p.x}: ${Math.round(w.dps)} deliveries/s (queue full ${Math.round(100 * (w.queueFullShare ?? 0))}%, ${pub.errors()} publish errors)`,
    );

    await untilStill(rx, '/c/', opts.quick ? 10 : 60);
    const deliveriesPerS = Math.max(p.fanout, Math.min(1000, Math.round(w.dps / 2)));
    const rate = Math.max(1, Math.round(deliveriesPerS / p.fanout));
    const lpub = httpPublisher(svc.origin, '/v1/events', headers, 'lead.created', 64, p.bytes);
    const l = await fixedRate({
      rx,
      publish: lpub.publish,
      rate,
      warmupMs: 1000,
      windowMs: opts.latencyWindowMs,
      pid: svc.pid,
      errors: lpub.errors,
      fanout: p.fanout,
    });
    await lpub.close();
    log(`${backend} ${p.curve}=${p.x}: p50 ${l.p50} p99 ${l.p99} ms at ${rate * p.fanout} deliveries/s (${l.received}/${l.sent} received)`);
    return {
      curve: p.curve,
      x: p.x,
      backend,
      fanout: p.fanout,
      organizations: p.orgs,
      payload_bytes: p.bytes,
      webhooks: p.orgs > 1 ? p.orgs : p.fanout,
      setup_s: setupS,
      dps: round(w.dps, 0),
      events_per_s: round(w.dps / p.fanout, 1),
      mib_per_s: round((w.dps * p.bytes) / 2 ** 20, 1),
      queue_full_share: round(w.queueFullShare ?? 0, 3),
      cpu_ms_per_1k: round((w.cpuS * 1e6) / Math.max(1, w.deliveries), 1),
      publish_errors: pub.errors(),
      latency: { events_per_s: rate, deliveries_per_s: rate * p.fanout, sent: l.sent, received: l.received, p50: l.p50, p95: l.p95, p99: l.p99, max: l.max },
      peak_rss_mb: peakRssMb(svc.pid),
    };
  } finally {
    await svc.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (schema) await dropSchemas(opts.pgUrl, { names: [schema] });
  }
}

export async function runCurves(opts: Options, machine: Record<string, unknown>): Promise<void> {
  const started = Date.now();
  const rx = await Receiver.start();
  const results: CurvePoint[] = [];
  try {
    for (const backend of opts.scaleBackends) for (const p of points(opts)) results.push(await measure(opts, rx, backend, p));
  } finally {
    await rx.child.stop();
    await dropSchemas(opts.pgUrl, { prefix: opts.runId });
  }
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    machine: { ...machine, loadavg_end: loadavg().map((v) => round(v, 2)) },
    settings: {
      warmup_ms: opts.warmupMs,
      window_ms: opts.windowMs,
      latency_window_ms: opts.latencyWindowMs,
      delivery_timeout: opts.timeout,
      rate_limit: 'lifted',
    },
    points: results,
  };
  console.error('\n' + curvesTable(results) + '\n');
  if (!opts.quick) {
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `scale-${report.date.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`wrote ${file}`);
  }
  if (!opts.json) console.log(JSON.stringify(report, null, 2));
  // The last line: one object, a point per key.
  const summary: Record<string, unknown> = { quick: opts.quick, seconds: Math.round((Date.now() - started) / 1000) };
  for (const r of results) summary[`${r.backend}_${r.curve}_${r.x}`] = { dps: r.dps, p99_ms: r.latency.p99 };
  console.log(JSON.stringify(summary));
}
