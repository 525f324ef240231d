// Shared machinery of the benchmark: child processes with a request/answer channel, process CPU
// and memory from /proc, percentiles, the 1 KiB payload, and the two publish drivers (as fast
// as the system drains, and at a fixed rate).
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { sampleEventData } from '../src/events/samples.ts';

export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A numeric command-line option `--name=value`, or `dflt`. */
export const numberArg = (name: string, dflt: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);

/** A TypeScript child with an IPC channel: `ask` sends a command and awaits its answer. */
export interface Child {
  proc: ChildProcess;
  pid: number;
  ready: Record<string, unknown>;
  ask<T>(msg: Record<string, unknown>): Promise<T>;
  tell(msg: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export async function forkChild(file: string, env: Record<string, string> = {}): Promise<Child> {
  const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (v: unknown) => void>();
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    proc.on('message', (m: Record<string, unknown>) => {
      if (m.ready) resolve(m);
      else if (typeof m.id === 'number') {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
    });
  });
  return {
    proc,
    pid: proc.pid!,
    ready,
    ask<T>(msg: Record<string, unknown>) {
      const id = next++;
      return new Promise<T>((resolve) => {
        waiting.set(id, resolve as (v: unknown) => void);
        proc.send({ ...msg, id });
      });
    },
    tell(msg) {
      proc.send(msg);
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.disconnect();
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const TICK = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** CPU seconds (user + system) a process (or several, added up) used so far. */
export function cpuSeconds(pid: number | number[]): number {
  if (Array.isArray(pid)) return pid.reduce((s, p) => s + cpuSeconds(p), 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** CPU seconds used so far by every process named postgres* (the server, its backends and workers). */
export function postgresCpuSeconds(): number {
  let s = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) s += cpuSeconds(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return s;
}

/** CPU seconds this process used so far. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Peak resident set size (VmHWM) in MiB (of several processes: the sum). */
export function peakRssMb(pid: number | number[]): number {
  if (Array.isArray(pid)) return pid.reduce((s, p) => s + peakRssMb(p), 0);
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** Machine-wide busy fraction of all cores between two samples of /proc/stat. */
export function cpuSample(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + line[4];
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

// The data object of every benchmark event, padded so the delivered body (event envelope
// included) is `bytes` long, 1 KiB unless said. `bench_t=` (in `source`) carries the publish time
// for the receiver's latency figure, near the start of the body (the padding comes after it).
const ENVELOPE = 132; // {"id":"evt_…","type":"lead.created","created_at":"…","organization_id":"org_…","data":{…}}
export function eventObject(benchT: number, seq: number, bytes = 1024, type = 'lead.created'): Record<string, unknown> {
  if (!type.startsWith('lead.')) return otherObject(type, benchT, seq, bytes);
  // A lead as the schema of lead.created has it (POST /v1/events checks it): the publish time
  // rides in `source`, the padding in `company`.
  const at = new Date().toISOString();
  const base = {
    id: `lead_${String(seq).padStart(26, '0')}`,
    object: 'lead',
    source: `bench_t=${Math.round(benchT * 1000) / 1000}`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    company: '',
    phone: null,
    status: 'new',
    converted_contact_id: null,
    converted_account_id: null,
    converted_opportunity_id: null,
    created_at: at,
    updated_at: at,
  };
  const pad = bytes - ENVELOPE - JSON.stringify({ object: base }).length;
  return { ...base, company: 'x'.repeat(Math.max(0, pad)) };
}

// Any other type: its sample object (the schema of its type holds), with an id of this sequence
// number, and the publish time and the padding in a free-text field of the object.
const TEXT_FIELD: Record<string, string> = {
  opportunity: 'name',
  task: 'title',
  account: 'name',
  contact: 'email',
  meeting: 'title',
  quote: 'currency',
  order: 'currency',
};
function otherObject(type: string, benchT: number, seq: number, bytes: number): Record<string, unknown> {
  const sample = sampleEventData(type).object as Record<string, unknown>;
  const prefix = String(sample.id).split('_')[0];
  const field = TEXT_FIELD[String(sample.object)] ?? 'name';
  if (typeof sample[field] !== 'string') throw new Error(`bench: no text field ${field} in a ${type} object`);
  const base = { ...sample, id: `${prefix}_${String(seq).padStart(26, '0')}`, [field]: `bench_t=${Math.round(benchT * 1000) / 1000} ` };
  const pad = bytes - ENVELOPE - JSON.stringify({ object: base }).length;
  return { ...base, [field]: `${base[field] as string}${'x'.repeat(Math.max(0, pad))}` };
}

// ---- receiver ----

export interface Snapshot {
  at: number;
  total: number;
  bytes: number;
  counts: Record<string, number>;
  latencies?: Array<[number, number]>;
}

export class Receiver {
  private constructor(
    readonly child: Child,
    readonly port: number,
  ) {}
  static async start(): Promise<Receiver> {
    const child = await forkChild('./receiver.ts');
    return new Receiver(child, child.ready.port as number);
  }
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
  reset(): void {
    this.child.tell({ cmd: 'reset' });
  }
  snapshot(latencies = false): Promise<Snapshot> {
    return this.child.ask<Snapshot>({ cmd: 'snapshot', latencies });
  }
  /** Deliveries received on paths starting with prefix. */
  static count(s: Snapshot, prefix: string): number {
    let n = 0;
    for (const [p, c] of Object.entries(s.counts)) if (p.startsWith(prefix)) n += c;
    return n;
  }
}

// ---- publish drivers ----

export type PublishFn = (seq: number) => Promise<void>;

/**
 * An HTTP publisher: POST a JSON event to url over a small keep-alive pool. `headers` may depend
 * on the event's sequence number (one API key per organization, say); `bytes` is the size of the
 * delivered body the event makes.
 */
export function httpPublisher(
  origin: string,
  path: string,
  headers: Record<string, string> | ((seq: number) => Record<string, string>),
  type: string,
  connections = 32,
  bytes = 1024,
): { publish: PublishFn; close(): Promise<void>; errors: () => number } {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const headersOf = typeof headers === 'function' ? headers : () => headers;
  let errors = 0;
  return {
    errors: () => errors,
    async publish(seq) {
      const body = JSON.stringify({ type, data: { object: eventObject(now(), seq, bytes, type) } });
      try {
        const res = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headersOf(seq) }, body });
        await res.body.dump();
        if (res.statusCode >= 300) errors++;
      } catch {
        errors++;
      }
    },
    close: () => pool.close(),
  };
}

export interface Window {
  seconds: number;
  deliveries: number;
  dps: number;
  cpuS: number;
  first: Snapshot;
  last: Snapshot;
  queueFullShare?: number;
  publishErrors?: number;
}

/**
 * Saturation: 32 publishers keep the queue non-empty (at most `backlog` deliveries published but
 * not yet received) so the system delivers as fast as it can; after a warm-up, deliveries/s at
 * the receiver over the window. `fanout` is how many counted deliveries one event makes.
 */
export async function saturate(opts: {
  rx: Receiver;
  publish: PublishFn;
  prefix: string;
  fanout: number;
  warmupMs: number;
  windowMs: number;
  pid: number | number[];
  backlog?: number;
  concurrency?: number;
  during?: () => Promise<void>;
}): Promise<Window> {
  const backlog = opts.backlog ?? 4000;
  let published = 0;
  let received = Receiver.count(await opts.rx.snapshot(), opts.prefix);
  const startReceived = received;
  let running = true;
  const poller = (async () => {
    while (running) {
      received = Receiver.count(await opts.rx.snapshot(), opts.prefix);
      await sleep(20);
    }
  })();
  // Many publishers, as a busy application has many request handlers: with few, the publish
  // round trip (not the system's delivery) would set the pace and the queue would run dry.
  let heldBack = 0;
  let turns = 0;
  const workers = Array.from({ length: opts.concurrency ?? 32 }, async () => {
    while (running) {
      turns++;
      if (published * opts.fanout - (received - startReceived) > backlog) {
        heldBack++;
        await sleep(2);
        continue;
      }
      await opts.publish(published++);
    }
  });
  await sleep(opts.warmupMs);
  const first = await opts.rx.snapshot();
  const cpu0 = cpuSeconds(opts.pid);
  const during = opts.during?.();
  await sleep(opts.windowMs);
  const last = await opts.rx.snapshot();
  const cpu1 = cpuSeconds(opts.pid);
  running = false;
  await Promise.all([...workers, poller, during]);
  const deliveries = Receiver.count(last, opts.prefix) - Receiver.count(first, opts.prefix);
  const seconds = (last.at - first.at) / 1000;
  // The share of publisher turns spent waiting because the queue was full: near 0 means the
  // publishers, not the system, set the pace.
  return { seconds, deliveries, dps: deliveries / seconds, cpuS: cpu1 - cpu0, first, last, queueFullShare: turns ? heldBack / turns : 0 };
}

/** Latency percentiles of the deliveries published in [from, end), once `expected` arrived (or 5 s). */
export async function latencyAtReceiver(
  rx: Receiver,
  from: number,
  end: number,
  expected: number,
): Promise<{ received: number; p50: number; p95: number; p99: number; max: number }> {
  let lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = await rx.snapshot(true);
    lat = (s.latencies ?? []).filter(([t]) => t >= from && t < end).map(([, l]) => l);
    if (lat.length >= expected) break;
    await sleep(100);
  }
  lat.sort((a, b) => a - b);
  return {
    received: lat.length,
    p50: round(percentile(lat, 50), 2),
    p95: round(percentile(lat, 95), 2),
    p99: round(percentile(lat, 99), 2),
    max: round(lat[lat.length - 1] ?? NaN, 2),
  };
}

/** Waits until the deliveries counted under `prefix` stand still for a second, at most `maxSeconds`. */
export async function untilStill(rx: Receiver, prefix: string, maxSeconds: number): Promise<void> {
  for (let i = 0, last = -1; i < maxSeconds; i++) {
    const n = Receiver.count(await rx.snapshot(), prefix);
    if (n === last) break;
    last = n;
    await sleep(1000);
  }
}

export interface LatencyResult {
  rate: number;
  seconds: number;
  sent: number;
  received: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuS: number;
  publishErrors: number;
}

/**
 * Open loop at a fixed rate: `publish` is called rate times a second whatever the answers do;
 * publish→receipt latency percentiles over the events published after the warm-up.
 */
export async function fixedRate(opts: {
  rx: Receiver;
  publish: PublishFn;
  rate: number;
  warmupMs: number;
  windowMs: number;
  pid: number | number[];
  errors?: () => number;
  /** Deliveries one event makes (1 unless said): the wait for stragglers counts deliveries. */
  fanout?: number;
}): Promise<LatencyResult> {
  opts.rx.reset();
  const start = now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.windowMs;
  let sent = 0;
  let counted = 0;
  const inflight = new Set<Promise<void>>();
  let cpu0 = NaN;
  while (now() < end) {
    const due = Math.floor(((now() - start) / 1000) * opts.rate);
    while (sent < due) {
      if (Number.isNaN(cpu0) && now() >= measureFrom) cpu0 = cpuSeconds(opts.pid);
      if (now() >= measureFrom) counted++;
      const p = opts.publish(sent++);
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await sleep(1);
  }
  const cpu1 = cpuSeconds(opts.pid);
  // A system that cannot keep up has a pile of publishes in flight: give them 10 s, not forever.
  await Promise.race([Promise.all(inflight), sleep(10_000)]);
  // Stragglers: wait until everything published in the window arrived, or 5 s.
  let snap = await opts.rx.snapshot(true);
  const inWindow = (s: Snapshot) => (s.latencies ?? []).filter(([t]) => t >= measureFrom && t < end);
  for (let i = 0; i < 50 && inWindow(snap).length < counted * (opts.fanout ?? 1); i++) {
    await sleep(100);
    snap = await opts.rx.snapshot(true);
  }
  const lat = inWindow(snap)
    .map(([, l]) => l)
    .sort((a, b) => a - b);
  return {
    rate: opts.rate,
    seconds: opts.windowMs / 1000,
    sent: counted * (opts.fanout ?? 1), // deliveries expected, as `received` counts them
    received: lat.length,
    p50: round(percentile(lat, 50), 2),
    p95: round(percentile(lat, 95), 2),
    p99: round(percentile(lat, 99), 2),
    max: round(lat.length ? lat[lat.length - 1] : NaN, 2),
    cpuS: round(cpu1 - (Number.isNaN(cpu0) ? cpu1 : cpu0), 2),
    publishErrors: opts.errors?.() ?? 0,
  };
}
