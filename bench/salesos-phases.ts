// The phases only SalesOS on PostgreSQL runs, on the service of its last round's measurement:
// isolation (one endpoint of ten hanging), ordered delivery (per object, over 1,000 objects, against
// unordered) and the backlog (a million pending deliveries drained while publishing goes on). See docs/benchmarks.md, "How it measures".
import pg from 'pg';
import { cpuSeconds, httpPublisher, now, Receiver, round, saturate, sleep, untilStill, type Window } from './lib.ts';
import type { Options } from './options.ts';
import { insertBacklog, probeClaims, type ClaimProbe } from './scale.ts';
import { API_KEY, createHooks, type Service } from './service.ts';

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

/** One round of the isolation phase: the healthy endpoints' deliveries/s without and with the fault. */
export interface IsolationRound {
  no_fault_healthy_dps: number;
  fault_healthy_dps: number;
}

export interface Isolation {
  no_fault_healthy_dps: number;
  fault_healthy_dps: number;
  ratio: number;
  timeout: string;
  hanging: string;
  rounds: IsolationRound[];
}

export interface Backlog {
  backlog: number;
  insert_s: number;
  empty_dps: number;
  backlog_dps: number;
  ratio: number;
  claim_empty: ClaimProbe;
  claim_backlog: ClaimProbe;
  choice: string;
}

/** One round of the ordering phase: deliveries/s of the same webhooks unordered, then ordered per object. */
export interface OrderingRound {
  unordered_dps: number;
  ordered_dps: number;
}

export interface OrderingPhase {
  unordered_dps: number;
  ordered_dps: number;
  ratio: number;
  objects: number;
  rounds: OrderingRound[];
}

const auth = { authorization: `Bearer ${API_KEY}` };

/** Distinct objects the ordering phase's events are about (data.object.id cycles over them). */
export const ORDERING_OBJECTS = 1000;

/**
 * Ordered delivery: 10 webhooks, saturated with events about 1,000 objects in turn, first with
 * `ordering: "none"`, then the same webhooks with `"per_object"` (each object's deliveries one at
 * a time, in publish order, and none on the fast path: every one goes through a claim). Two rounds
 * (one with --quick), which of the two goes first alternating; the ratio is that of the sums.
 */
export async function ordering(opts: Options, rx: Receiver, svc: Service, others: Array<{ id: string }> = []): Promise<OrderingPhase> {
  const rounds: OrderingRound[] = [];
  const hooks = await createHooks(
    svc,
    Array.from({ length: 10 }, (_, i) => rx.url(`/ord/${i}`)),
    ['lead.*'],
  );
  // The saturation's webhooks take lead.* too: paused meanwhile, so that every delivery counts.
  for (const h of others) await svc.api('PATCH', `/v1/webhooks/${h.id}`, { enabled: false });
  const setOrdering = async (value: 'none' | 'per_object') => {
    for (const h of hooks) {
      const r = await svc.api('PATCH', `/v1/webhooks/${h.id}`, { ordering: value });
      if (r.status !== 200) throw new Error(`PATCH webhook answered ${r.status}`);
    }
    await sleep(1000);
  };
  const window = async () => {
    const pub = httpPublisher(svc.origin, '/v1/events', auth, 'lead.created');
    // The object of event n is lead n mod 1,000: each object has an update every 1,000 events.
    const r = await saturate({
      rx,
      publish: (seq) => pub.publish(seq % ORDERING_OBJECTS),
      prefix: '/ord/',
      fanout: 10,
      warmupMs: opts.warmupMs,
      windowMs: opts.windowMs,
      pid: svc.pid,
    });
    await pub.close();
    await untilStill(rx, '/ord/', opts.quick ? 8 : 30);
    return r.dps;
  };
  for (let n = 0; n < (opts.quick ? 1 : 2); n++) {
    // Which goes first alternates: the host's speed drifts within minutes, and the first window warms the service up.
    const measured: Partial<Record<'none' | 'per_object', number>> = {};
    for (const mode of n % 2 ? (['per_object', 'none'] as const) : (['none', 'per_object'] as const)) {
      await setOrdering(mode);
      measured[mode] = await window();
    }
    const unordered = measured.none!;
    const ordered = measured.per_object!;
    rounds.push({ unordered_dps: round(unordered, 0), ordered_dps: round(ordered, 0) });
    log(`postgres: ordering round ${n + 1}: ${Math.round(unordered)} unordered → ${Math.round(ordered)} ordered deliveries/s`);
  }
  for (const h of hooks) await svc.api('DELETE', `/v1/webhooks/${h.id}`);
  for (const h of others) await svc.api('PATCH', `/v1/webhooks/${h.id}`, { enabled: true });
  const sum = (k: keyof OrderingRound) => rounds.reduce((s, x) => s + x[k], 0);
  const result = {
    unordered_dps: round(sum('unordered_dps') / rounds.length, 0),
    ordered_dps: round(sum('ordered_dps') / rounds.length, 0),
    ratio: round(sum('ordered_dps') / sum('unordered_dps'), 3),
    objects: ORDERING_OBJECTS,
    rounds,
  };
  log(`postgres: ordering ${result.ratio} (${result.unordered_dps} unordered → ${result.ordered_dps} ordered deliveries/s, mean of ${rounds.length} rounds)`);
  return result;
}

/** Claim probes while the empty-queue saturation window runs (what `claim_empty` reports). */
export function claimProbe(opts: Options, schema: string): { during: () => Promise<void>; result: () => ClaimProbe | null } {
  let probe: ClaimProbe | null = null;
  return {
    during: async () => void (probe = await probeClaims(opts.pgUrl, schema, opts.quick ? 10 : 30, 100)),
    result: () => probe,
  };
}

/**
 * Isolation: 10 endpoints healthy, then with one of them (10%) hanging until the delivery
 * timeout; the 9 healthy endpoints' deliveries/s in both windows. Two rounds, each with 10 new
 * webhooks (the last round's deleted, its pile canceled; one round with --quick), healthy and
 * faulty windows alternating: the host's speed drifts within minutes, and one window of each had
 * measured the drift as much as the fault. The ratio is that of the sums.
 */
export async function isolation(opts: Options, rx: Receiver, svc: Service): Promise<Isolation> {
  const rounds: IsolationRound[] = [];
  // One round with --quick, which only checks that the phase runs.
  for (let n = 0; n < (opts.quick ? 1 : 2); n++) {
    const healthy = `/iso${n}/`; // the hanging one moves under /hang/, so this counts the 9 (or 10)
    const hooks = await createHooks(
      svc,
      Array.from({ length: 10 }, (_, i) => rx.url(`${healthy}${i}`)),
      ['opportunity.*'],
    );
    const isoRun = async () => {
      const pub = httpPublisher(svc.origin, '/v1/events', auth, 'opportunity.created');
      const r = await saturate({ rx, publish: pub.publish, prefix: healthy, fanout: 9, warmupMs: opts.warmupMs, windowMs: opts.windowMs, pid: svc.pid });
      await pub.close();
      return r;
    };
    await sleep(1000);
    const a = await isoRun();
    // Without the fault all 10 are counted: per healthy endpoint, scale to 9.
    const count = (prefix: string) => Receiver.count(a.last, prefix) - Receiver.count(a.first, prefix);
    const noFault = (count(healthy) - count(`${healthy}9`)) / a.seconds;
    const r = await svc.api('PATCH', `/v1/webhooks/${hooks[9].id}`, { url: rx.url(`/hang/${n}`) });
    if (r.status !== 200) throw new Error(`PATCH webhook answered ${r.status}`);
    await sleep(2000);
    const b = await isoRun();
    rounds.push({ no_fault_healthy_dps: round(noFault, 0), fault_healthy_dps: round(b.dps, 0) });
    log(`postgres: isolation round ${n + 1}: ${Math.round(noFault)} → ${Math.round(b.dps)} healthy deliveries/s`);
    // The hanging endpoint's pile is canceled with its webhook, so the next phase starts clean.
    for (const h of hooks) await svc.api('DELETE', `/v1/webhooks/${h.id}`);
  }
  const sum = (k: keyof IsolationRound) => rounds.reduce((n, x) => n + x[k], 0);
  const result = {
    no_fault_healthy_dps: round(sum('no_fault_healthy_dps') / rounds.length, 0),
    fault_healthy_dps: round(sum('fault_healthy_dps') / rounds.length, 0),
    ratio: round(sum('fault_healthy_dps') / sum('no_fault_healthy_dps'), 3),
    timeout: opts.timeout,
    hanging: '1 of 10 endpoints',
    rounds,
  };
  log(
    `postgres: isolation ${result.ratio} (${result.no_fault_healthy_dps} → ${result.fault_healthy_dps} healthy deliveries/s, mean of ${rounds.length} rounds)`,
  );
  return result;
}

/**
 * The backlog: `opts.backlog` deliveries due an hour ago for the 10 live endpoints (catch-up after
 * an outage), drained while publishing continues at the empty-queue window's event rate.
 */
export async function backlog(
  opts: Options,
  rx: Receiver,
  svc: Service,
  schema: string,
  sat: Array<{ id: string }>,
  empty: Window,
  claimEmpty: ClaimProbe,
): Promise<Backlog> {
  await sleep(2000);
  const client = new pg.Client({ connectionString: opts.pgUrl });
  await client.connect();
  const orgId = (await client.query<{ organization_id: string }>(`SELECT organization_id FROM ${schema}.webhooks WHERE id = $1`, [sat[0].id])).rows[0]
    .organization_id;
  await client.end();
  log(`postgres: inserting a backlog of ${opts.backlog} pending deliveries`);
  const insertS = await insertBacklog(
    opts.pgUrl,
    schema,
    orgId,
    sat.map((h) => h.id),
    opts.backlog,
  );
  log(`postgres: backlog inserted in ${insertS} s`);
  const pubBg = httpPublisher(svc.origin, '/v1/events', auth, 'lead.created');
  // The same publish load as the empty-queue run, at a fixed rate (the new events queue behind
  // the backlog), while the backlog drains.
  const publishRate = empty.dps / opts.fanout;
  let running = true;
  const bg = (async () => {
    const start = now();
    let sent = 0;
    while (running) {
      const due = Math.floor(((now() - start) / 1000) * publishRate);
      while (sent < due) void pubBg.publish(sent++);
      await sleep(5);
    }
  })();
  await sleep(opts.warmupMs);
  const first = await rx.snapshot();
  const cpu0 = cpuSeconds(svc.pid);
  const probe = probeClaims(opts.pgUrl, schema, opts.quick ? 10 : 30, 100);
  await sleep(opts.windowMs);
  const last = await rx.snapshot();
  const cpu1 = cpuSeconds(svc.pid);
  running = false;
  await bg;
  await pubBg.close();
  const claimBacklog = await probe;
  const backlogDps = (Receiver.count(last, '/ep/sat/') - Receiver.count(first, '/ep/sat/')) / ((last.at - first.at) / 1000);
  const result = {
    backlog: opts.backlog,
    insert_s: insertS,
    empty_dps: round(empty.dps, 0),
    backlog_dps: round(backlogDps, 0),
    ratio: round(backlogDps / empty.dps, 3),
    claim_empty: claimEmpty,
    claim_backlog: claimBacklog,
    choice: `${opts.backlog} deliveries due an hour ago for the 10 live endpoints (catch-up after an outage), drained while publishing continues at the empty-queue run's event rate; cpu ${round(cpu1 - cpu0, 2)} s in the window`,
  };
  log(
    `postgres: with ${opts.backlog} pending ${Math.round(backlogDps)} deliveries/s (ratio ${result.ratio}); claim p50 ${claimEmpty.p50_ms} → ${claimBacklog.p50_ms} ms`,
  );
  return result;
}
