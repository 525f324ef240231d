// The systems the benchmark compares, each behind one interface: a list of settings to tune over,
// and `start(setting)` that answers a running system the rounds can saturate and, once, measure at
// a fixed rate. The ceiling (lean undici processes), the peers (dispatchers on pg-boss,
// graphile-worker and BullMQ, in child processes) and SalesOS (the real `salesos serve` on
// PostgreSQL or SQLite) all take the same events from the same publishers to the same receiver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropRedisKeys, dropSchemas } from './cleanup.ts';
import {
  cpuSeconds,
  fixedRate,
  forkChild,
  httpPublisher,
  latencyAtReceiver,
  now,
  Receiver,
  round,
  saturate,
  sleep,
  type Child,
  type LatencyResult,
  type Window,
} from './lib.ts';
import type { Options, SystemName } from './options.ts';
import { API_KEY, createHooks, startService, type Service } from './service.ts';
import { benchSecret } from './sign.ts';

/** One way to run a system: a label for the report and the parameters its process gets. */
export interface Setting {
  label: string;
  params: Record<string, number>;
}

export interface Running {
  pids: number[];
  /** Deliveries/s at saturation after the warm-up; `during` runs alongside the window. */
  saturate(during?: () => Promise<void>): Promise<Window>;
  /** Publish→receipt at `opts.rate` events/s to one endpoint (fan-out 1). */
  latency(): Promise<LatencyResult>;
  stop(): Promise<void>;
  /** SalesOS only: the service and its 10 saturation webhooks, for the phases that follow. */
  salesos?: { svc: Service; schema: string | null; sat: Array<{ id: string; url: string }> };
}

export interface System {
  name: SystemName;
  settings: Setting[];
  start(setting: Setting, tag: string): Promise<Running>;
}

export interface Context {
  opts: Options;
  rx: Receiver;
}

const satPaths = (opts: Options) => Array.from({ length: opts.fanout }, (_, i) => `/ep/sat/${i}`);

function ceiling(ctx: Context): System {
  const { opts, rx } = ctx;
  const s = (label: string, params: Setting['params']): Setting => ({ label, params });
  return {
    name: 'ceiling',
    // A lean loop, several shapes: the best is what this machine's receiver accepts.
    settings: [
      s('1 process, 32 connections, 64 in flight', { processes: 1, connections: 32, pipelining: 1, inflight: 64 }),
      s('1 process, 16 connections pipelining 8, 128 in flight', { processes: 1, connections: 16, pipelining: 8, inflight: 128 }),
      ...(opts.quick ? [] : [s('2 processes, 16 connections each, 32 in flight each', { processes: 2, connections: 16, pipelining: 1, inflight: 32 })]),
    ],
    async start(setting) {
      const children: Child[] = [];
      for (let i = 0; i < setting.params.processes; i++) children.push(await forkChild('./ceiling.ts'));
      const pids = children.map((c) => c.pid);
      return {
        pids,
        async saturate(during) {
          rx.reset();
          const urls = satPaths(opts).map((p) => rx.url(p));
          const { connections, pipelining, inflight } = setting.params;
          const done = Promise.all(
            children.map((c) => c.ask({ cmd: 'run', urls, ms: opts.warmupMs + opts.windowMs + 500, inflight, connections, pipelining })),
          );
          await sleep(opts.warmupMs);
          const first = await rx.snapshot();
          const cpu0 = cpuSeconds(pids);
          const d = during?.();
          await sleep(opts.windowMs);
          const last = await rx.snapshot();
          const cpu1 = cpuSeconds(pids);
          await Promise.all([done, d]);
          const deliveries = Receiver.count(last, '/ep/sat/') - Receiver.count(first, '/ep/sat/');
          const seconds = (last.at - first.at) / 1000;
          return { seconds, deliveries, dps: deliveries / seconds, cpuS: cpu1 - cpu0, first, last };
        },
        async latency() {
          // The open loop lives in the ceiling process itself: publishing is sending.
          rx.reset();
          const start = now();
          const cpu0 = cpuSeconds(pids);
          await children[0].ask({ cmd: 'run', urls: [rx.url('/lat/0')], ms: 1000 + opts.latencyWindowMs, rate: opts.rate });
          const cpuS = round(cpuSeconds(pids) - cpu0, 2);
          const sent = (opts.rate * opts.latencyWindowMs) / 1000;
          const l = await latencyAtReceiver(rx, start + 1000, start + 1000 + opts.latencyWindowMs, sent);
          return { rate: opts.rate, seconds: opts.latencyWindowMs / 1000, sent, ...l, cpuS, publishErrors: 0 };
        },
        async stop() {
          await Promise.all(children.map((c) => c.stop()));
        },
      };
    },
  };
}

interface PeerSpec {
  file: string;
  /** Short name for the schema or key prefix of one run. */
  tag: string;
  settings: Setting[];
}

const PEER_SPECS: Record<'pg-boss' | 'graphile-worker' | 'bullmq', PeerSpec> = {
  'pg-boss': {
    file: './peers/pg-boss.ts',
    tag: 'boss',
    // Polling every 0.5 s (the minimum): loops × batch size per half second is the most it can do.
    settings: [
      { label: '8 work() loops × batchSize 250', params: { workers: 8, batchSize: 250 } },
      { label: '16 work() loops × batchSize 250', params: { workers: 16, batchSize: 250 } },
      { label: '16 work() loops × batchSize 500', params: { workers: 16, batchSize: 500 } },
    ],
  },
  'graphile-worker': {
    file: './peers/graphile-worker.ts',
    tag: 'gw',
    // The first is its performance page's configuration.
    settings: [
      { label: 'concurrency 24, localQueue 500, completion batches 0 ms', params: { concurrency: 24, localQueue: 500, completeBatchMs: 0 } },
      { label: 'concurrency 64, localQueue 1000, completion batches 0 ms', params: { concurrency: 64, localQueue: 1000, completeBatchMs: 0 } },
      { label: 'concurrency 128, localQueue 2000, completion batches 5 ms', params: { concurrency: 128, localQueue: 2000, completeBatchMs: 5 } },
    ],
  },
  bullmq: {
    file: './peers/bullmq.ts',
    tag: 'mq',
    settings: [
      { label: '1 Worker, concurrency 50', params: { workers: 1, concurrency: 50 } },
      { label: '1 Worker, concurrency 200', params: { workers: 1, concurrency: 200 } },
      { label: '2 Workers, concurrency 200 each', params: { workers: 2, concurrency: 200 } },
    ],
  },
};

function peer(ctx: Context, name: keyof typeof PEER_SPECS): System {
  const { opts, rx } = ctx;
  const spec = PEER_SPECS[name];
  const secret = benchSecret(9);
  return {
    name,
    settings: spec.settings,
    async start(setting, tag) {
      const hooks = [...satPaths(opts).map((p) => ({ url: rx.url(p), secret, prefix: 'lead.' })), { url: rx.url('/lat/0'), secret, prefix: 'task.' }];
      // A schema (PostgreSQL) or key prefix (Redis) of its own per run, removed when it stops.
      const where = `${opts.runId}_${spec.tag}_${tag}`;
      const child = await forkChild(spec.file, {
        DATABASE_URL: opts.pgUrl,
        PEER_SCHEMA: where,
        PEER_PREFIX: where,
        REDIS_HOST: opts.redis.host,
        REDIS_PORT: String(opts.redis.port),
        BENCH_HOOKS: JSON.stringify(hooks),
        BENCH_SETTING: JSON.stringify(setting.params),
      });
      const origin = `http://127.0.0.1:${child.ready.port}`;
      return {
        pids: [child.pid],
        async saturate(during) {
          rx.reset();
          const pub = httpPublisher(origin, '/publish', {}, 'lead.created');
          try {
            return await saturate({
              rx,
              publish: pub.publish,
              prefix: '/ep/sat/',
              fanout: opts.fanout,
              warmupMs: opts.warmupMs,
              windowMs: opts.windowMs,
              pid: child.pid,
              during,
            });
          } finally {
            await pub.close();
          }
        },
        async latency() {
          await sleep(opts.quick ? 1000 : 2000); // let the saturation's backlog drain first
          const pub = httpPublisher(origin, '/publish', {}, 'task.completed', 64);
          try {
            return await fixedRate({
              rx,
              publish: pub.publish,
              rate: opts.rate,
              warmupMs: 1000,
              windowMs: opts.latencyWindowMs,
              pid: child.pid,
              errors: pub.errors,
            });
          } finally {
            await pub.close();
          }
        },
        async stop() {
          await child.stop();
          if (name === 'bullmq') await dropRedisKeys(opts.redis, where);
          else await dropSchemas(opts.pgUrl, { names: [where] });
        },
      };
    },
  };
}

function salesos(ctx: Context, backend: 'postgres' | 'sqlite'): System {
  const { opts, rx } = ctx;
  return {
    name: backend,
    settings: [{ label: 'defaults, as `npm start` runs it', params: {} }],
    async start(_setting, tag) {
      const dataDir = mkdtempSync(join(tmpdir(), 'salesos-bench-'));
      const schema = backend === 'postgres' ? `${opts.runId}_sos_${tag}` : null;
      const env: Record<string, string> = { SALESOS_DATA_DIR: dataDir, SALESOS_DELIVERY_TIMEOUT: opts.timeout };
      if (schema) Object.assign(env, { DATABASE_URL: opts.pgUrl, SALESOS_DB_SCHEMA: schema });
      const svc = await startService(env);
      const auth = { authorization: `Bearer ${API_KEY}` };
      const stop = async () => {
        await svc.stop();
        rmSync(dataDir, { recursive: true, force: true });
        if (schema) await dropSchemas(opts.pgUrl, { names: [schema] });
      };
      try {
        const sat = await createHooks(
          svc,
          satPaths(opts).map((p) => rx.url(p)),
          ['lead.*'],
        );
        await createHooks(svc, [rx.url('/lat/0')], ['task.completed']);
        return {
          pids: [svc.pid],
          salesos: { svc, schema, sat },
          async saturate(during) {
            rx.reset();
            const pub = httpPublisher(svc.origin, '/v1/events', auth, 'lead.created');
            try {
              const w = await saturate({
                rx,
                publish: pub.publish,
                prefix: '/ep/sat/',
                fanout: opts.fanout,
                warmupMs: opts.warmupMs,
                windowMs: opts.windowMs,
                pid: svc.pid,
                during,
              });
              if (pub.errors()) w.publishErrors = pub.errors();
              return w;
            } finally {
              await pub.close();
            }
          },
          async latency() {
            await sleep(opts.quick ? 1000 : 2000);
            const pub = httpPublisher(svc.origin, '/v1/events', auth, 'task.completed', 64);
            try {
              return await fixedRate({
                rx,
                publish: pub.publish,
                rate: opts.rate,
                warmupMs: 1000,
                windowMs: opts.latencyWindowMs,
                pid: svc.pid,
                errors: pub.errors,
              });
            } finally {
              await pub.close();
            }
          },
          stop,
        };
      } catch (e) {
        await stop();
        throw e;
      }
    },
  };
}

/** The systems of this run, in the first round's order. */
export function systems(ctx: Context): System[] {
  return ctx.opts.only.map((name) => {
    if (name === 'ceiling') return ceiling(ctx);
    if (name === 'postgres' || name === 'sqlite') return salesos(ctx, name);
    return peer(ctx, name);
  });
}
