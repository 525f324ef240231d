// The comparison in interleaved rounds. Every round measures each system at saturation, in an
// order of its own (the host's speed drifts within minutes, so no system always goes first or
// last). The first round tunes: every setting of every system is measured, and each system keeps
// its best (the highest median so far); later rounds measure the kept setting only (all of them
// again with --tune-every-round). A system's figure in a round is its best setting's there. The
// last round also runs, on the kept setting's process, the latency at a fixed rate and, for
// SalesOS on PostgreSQL, the isolation, fairness, ordering and backlog phases.
import { peakRssMb, round, untilStill, type LatencyResult, type Window } from './lib.ts';
import type { SystemName } from './options.ts';
import { fairness, type Fairness } from './fairness.ts';
import { backlog, claimProbe, isolation, ordering, type Backlog, type Isolation, type OrderingPhase } from './salesos-phases.ts';
import type { Context, Running, Setting, System } from './systems.ts';

export interface SaturationSummary {
  seconds: number;
  deliveries: number;
  cpu_s: number;
  cpu_ms_per_1k: number;
  queue_full_share: number;
  publish_errors?: number;
}

export interface SettingRecord {
  label: string;
  params: Record<string, number>;
  runs: Array<{ round: number; dps: number; saturation: SaturationSummary }>;
  median_dps: number | null;
}

export interface SystemRecord {
  /** The median over rounds of the system's figure in each round. */
  dps: number;
  /** The kept setting's label. */
  kept: string;
  rounds: Array<{ round: number; dps: number; setting: string }>;
  settings: SettingRecord[];
  /** The kept setting's saturation window in the last round. */
  saturation: SaturationSummary | null;
  latency: (LatencyResult & { fanout: number }) | null;
  peak_rss_mb: number;
  isolation?: Isolation;
  fairness?: Fairness;
  ordering?: OrderingPhase;
  scale?: Backlog | null;
}

const log = (...m: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

export const median = (xs: number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Round r's order (0-based): the first as given, the second reversed, then rotations of both. */
export function roundOrder<T>(base: T[], r: number): T[] {
  const k = Math.floor(r / 2) % base.length;
  const rotated = [...base.slice(k), ...base.slice(0, k)];
  return r % 2 ? rotated.reverse() : rotated;
}

function summarize(w: Window): SaturationSummary {
  return {
    seconds: round(w.seconds, 2),
    deliveries: w.deliveries,
    cpu_s: round(w.cpuS, 2),
    cpu_ms_per_1k: round((w.cpuS * 1e6) / Math.max(1, w.deliveries), 1),
    queue_full_share: round(w.queueFullShare ?? 0, 3),
    ...(w.publishErrors ? { publish_errors: w.publishErrors } : {}),
  };
}

function keptSetting(sys: System, rec: SystemRecord): Setting {
  let best = sys.settings[0];
  let bestDps = -1;
  for (const [i, s] of rec.settings.entries()) {
    if (s.median_dps !== null && s.median_dps > bestDps) [best, bestDps] = [sys.settings[i], s.median_dps];
  }
  return best;
}

/** The last round's extra phases, on the kept setting's running process. */
async function extras(ctx: Context, sys: System, run: Running, empty: Window, probe: ReturnType<typeof claimProbe> | null, rec: SystemRecord) {
  const l = await run.latency();
  rec.latency = { ...l, fanout: 1 };
  log(`${sys.name}: p50 ${l.p50} p99 ${l.p99} ms at ${l.rate}/s (${l.received}/${l.sent} received, ${l.publishErrors} publish errors)`);
  if (sys.name === 'postgres' && run.salesos?.schema) {
    // A system that fell behind at the fixed rate still has deliveries queued: let them arrive.
    await untilStill(ctx.rx, '/lat/', ctx.opts.quick ? 8 : 60);
    const { svc, schema, sat } = run.salesos;
    rec.isolation = await isolation(ctx.opts, ctx.rx, svc);
    rec.fairness = await fairness(ctx.opts, ctx.rx, svc, schema);
    rec.ordering = await ordering(ctx.opts, ctx.rx, svc, sat);
    const claimEmpty = probe?.result();
    rec.scale = claimEmpty ? await backlog(ctx.opts, ctx.rx, svc, schema, sat, empty, claimEmpty) : null;
  }
  rec.peak_rss_mb = peakRssMb(run.pids);
}

export async function compare(ctx: Context, all: System[]): Promise<{ records: Partial<Record<SystemName, SystemRecord>>; orders: SystemName[][] }> {
  const { opts } = ctx;
  const records: Partial<Record<SystemName, SystemRecord>> = {};
  for (const sys of all) {
    records[sys.name] = {
      dps: NaN,
      kept: sys.settings[0].label,
      rounds: [],
      settings: sys.settings.map((s) => ({ label: s.label, params: s.params, runs: [], median_dps: null })),
      saturation: null,
      latency: null,
      peak_rss_mb: 0,
    };
  }
  const orders: SystemName[][] = [];

  // One measurement: start, saturate, record; `after` runs on the same process before it stops.
  const measure = async (
    sys: System,
    r: number,
    i: number,
    after?: (run: Running, w: Window, probe: ReturnType<typeof claimProbe> | null) => Promise<void>,
  ) => {
    const rec = records[sys.name]!;
    const setting = sys.settings[i];
    const run = await sys.start(setting, `r${r}s${i}`);
    try {
      const probe = after && sys.name === 'postgres' && run.salesos?.schema ? claimProbe(opts, run.salesos.schema) : null;
      const w = await run.saturate(probe?.during);
      const sat = summarize(w);
      const sr = rec.settings[i];
      sr.runs.push({ round: r, dps: round(w.dps, 0), saturation: sat });
      sr.median_dps = round(median(sr.runs.map((x) => x.dps)), 0);
      const errors = w.publishErrors ? `, ${w.publishErrors} publish errors` : '';
      log(
        `${sys.name} [${setting.label}] round ${r}: ${Math.round(w.dps)} deliveries/s (queue full ${Math.round(100 * (w.queueFullShare ?? 0))}% of publisher turns${errors})`,
      );
      if (after) {
        rec.saturation = sat;
        await after(run, w, probe);
      }
      return w;
    } finally {
      await run.stop();
    }
  };

  for (let r = 1; r <= opts.rounds; r++) {
    const order = roundOrder(all, r - 1);
    orders.push(order.map((s) => s.name));
    log(`round ${r} of ${opts.rounds}: ${order.map((s) => s.name).join(', ')}`);
    const last = r === opts.rounds;
    for (const sys of order) {
      const rec = records[sys.name]!;
      const tuning = r === 1 || opts.tuneEveryRound;
      const indexes = tuning ? sys.settings.map((_, i) => i) : [sys.settings.findIndex((s) => s.label === rec.kept)];
      let best = { dps: -1, setting: '' };
      for (const i of indexes) {
        // The last round's extra phases run right away when the kept setting is all it measures.
        const after =
          last && indexes.length === 1 ? (run: Running, w: Window, p: ReturnType<typeof claimProbe> | null) => extras(ctx, sys, run, w, p, rec) : undefined;
        const w = await measure(sys, r, i, after);
        if (w.dps > best.dps) best = { dps: w.dps, setting: sys.settings[i].label };
      }
      rec.rounds.push({ round: r, dps: round(best.dps, 0), setting: best.setting });
      // The choice is made when tuning, and stands in the rounds that measure only it.
      if (tuning) rec.kept = keptSetting(sys, rec).label;
      const kept = sys.settings.find((s) => s.label === rec.kept)!;
      if (last && indexes.length > 1) {
        // Every setting was measured this round: the kept one once more, for the extra phases.
        log(
          `${sys.name}: kept [${kept.label}]; once more for the ${sys.name === 'postgres' ? 'latency, isolation, fairness, ordering and backlog phases' : 'latency phase'}`,
        );
        const run = await sys.start(kept, `x`);
        try {
          const probe = sys.name === 'postgres' && run.salesos?.schema ? claimProbe(opts, run.salesos.schema) : null;
          const w = await run.saturate(probe?.during);
          rec.saturation = summarize(w);
          await extras(ctx, sys, run, w, probe, rec);
        } finally {
          await run.stop();
        }
      }
    }
  }
  for (const sys of all) {
    const rec = records[sys.name]!;
    rec.dps = round(median(rec.rounds.map((x) => x.dps)), 0);
  }
  return { records, orders };
}
