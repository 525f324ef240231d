// The benchmark's command line, read once into one typed object that the rest is handed:
// `npm run bench -- [--quick] [--json] [--only=…] [--rounds=N] [--tune-every-round] [--backlog=N]`
// and `npm run bench -- --scale [--quick] [--json] [--only=postgres,sqlite] [--curves=fanout,orgs,payload]`.

export const SYSTEMS = ['ceiling', 'pg-boss', 'graphile-worker', 'bullmq', 'postgres', 'sqlite'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export const PEERS = ['pg-boss', 'graphile-worker', 'bullmq'] as const satisfies readonly SystemName[];
export type PeerName = (typeof PEERS)[number];

export interface Options {
  quick: boolean;
  json: boolean;
  scale: boolean;
  /** Systems to run, in the first round's order. */
  only: SystemName[];
  /** --scale: the backends (PostgreSQL unless --only names them) and the curves to measure. */
  scaleBackends: Array<'postgres' | 'sqlite'>;
  curves: Array<'fanout' | 'orgs' | 'payload'>;
  /** Interleaved rounds; the first one also tunes every peer (and the ceiling). */
  rounds: number;
  /** Measure every setting in every round instead of the first round's best only. */
  tuneEveryRound: boolean;
  /** Pending deliveries of the backlog phase (SalesOS on PostgreSQL). */
  backlog: number;
  /** Saturation: warm-up before the window, and the window, per measurement. */
  warmupMs: number;
  windowMs: number;
  /** Latency at a fixed rate: the window (after 1 s of warm-up) and the rate, events/s. */
  latencyWindowMs: number;
  rate: number;
  fanout: number;
  /** The delivery timeout SalesOS runs with (the isolation phase's hanging endpoint waits it out). */
  timeout: string;
  pgUrl: string;
  redis: { host: string; port: number };
  /** Prefix of every PostgreSQL schema and Redis key this run creates, all removed at the end. */
  runId: string;
}

const value = (args: string[], name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function systems(list: string): SystemName[] {
  const names = list.split(',').flatMap((n) => (n === 'baseline' ? ['pg-boss'] : n === 'peers' ? [...PEERS] : [n]));
  for (const n of names)
    if (!(SYSTEMS as readonly string[]).includes(n)) throw new Error(`--only: unknown system ${n} (known: ${SYSTEMS.join(', ')}, peers, baseline)`);
  return SYSTEMS.filter((s) => names.includes(s));
}

const CURVES = ['fanout', 'orgs', 'payload'] as const;

export function parseOptions(args: string[], env: Record<string, string | undefined> = process.env): Options {
  const quick = args.includes('--quick');
  const stamp = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14);
  const redis = new URL(env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  return {
    quick,
    json: args.includes('--json'),
    scale: args.includes('--scale'),
    only: systems(value(args, 'only') ?? SYSTEMS.join(',')),
    scaleBackends: value(args, 'only') ? systems(value(args, 'only')!).filter((s) => s === 'postgres' || s === 'sqlite') : ['postgres'],
    curves: (value(args, 'curves') ?? CURVES.join(',')).split(',').map((c) => {
      if (!(CURVES as readonly string[]).includes(c)) throw new Error(`--curves: unknown curve ${c} (known: ${CURVES.join(', ')})`);
      return c as (typeof CURVES)[number];
    }),
    rounds: Math.max(1, Number(value(args, 'rounds') ?? (quick ? 2 : 3))),
    tuneEveryRound: args.includes('--tune-every-round'),
    backlog: Number(value(args, 'backlog') ?? (quick ? 100_000 : 1_000_000)),
    // Full runs measure the steady state: SalesOS's first seconds under load run partly
    // unoptimized code (V8 compiles its hot paths then), which is not what it sustains; every
    // system gets the same warm-up.
    warmupMs: quick ? 1500 : 10_000,
    windowMs: quick ? 3000 : 12_000,
    latencyWindowMs: quick ? 3000 : 10_000,
    rate: 1000,
    fanout: 10,
    timeout: '3s',
    pgUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    redis: { host: redis.hostname, port: Number(redis.port || 6379) },
    runId: `bench_${stamp}_${process.pid}`,
  };
}
