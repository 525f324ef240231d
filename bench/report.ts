// The comparison's figures: per-round ratios and their medians, the best peer, the one-line
// summary that `--json` ends with, and a markdown table of the rounds for a reader.
import { median, type SystemRecord } from './compare.ts';
import { round } from './lib.ts';
import { PEERS, type PeerName, type SystemName } from './options.ts';

type Records = Partial<Record<SystemName, SystemRecord>>;

export interface RoundFigures {
  round: number;
  order: SystemName[];
  dps: Partial<Record<SystemName, number>>;
  best_peer: PeerName | null;
  ratios: Record<string, number | null>;
}

const RATIOS: Array<[string, SystemName | 'best_peer', SystemName | 'best_peer']> = [
  ['postgres_vs_ceiling', 'postgres', 'ceiling'],
  ['postgres_vs_best_peer', 'postgres', 'best_peer'],
  ['postgres_vs_baseline', 'postgres', 'pg-boss'],
  ['sqlite_vs_ceiling', 'sqlite', 'ceiling'],
  ['sqlite_vs_best_peer', 'sqlite', 'best_peer'],
  ['sqlite_vs_baseline', 'sqlite', 'pg-boss'],
  ['best_peer_vs_ceiling', 'best_peer', 'ceiling'],
];

/** Each round's figures, its best peer and the ratios between systems measured in it. */
export function roundFigures(records: Records, orders: SystemName[][]): RoundFigures[] {
  return orders.map((order, i) => {
    const r = i + 1;
    const dps: RoundFigures['dps'] = {};
    for (const name of order) {
      const x = records[name]?.rounds.find((y) => y.round === r);
      if (x) dps[name] = x.dps;
    }
    let best: PeerName | null = null;
    for (const p of PEERS) if (dps[p] !== undefined && (best === null || dps[p]! > dps[best]!)) best = p;
    const value = (k: SystemName | 'best_peer') => (k === 'best_peer' ? (best ? dps[best] : undefined) : dps[k]);
    const ratios: Record<string, number | null> = {};
    for (const [name, a, b] of RATIOS) {
      const x = value(a);
      const y = value(b);
      ratios[name] = x !== undefined && y ? round(x / y, 3) : null;
    }
    return { round: r, order, dps, best_peer: best, ratios };
  });
}

const med = (xs: Array<number | null | undefined>): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? median(v) : null;
};

/** The last line of `--json`: every field the earlier single-pass benchmark printed, and more. */
export function summaryLine(records: Records, rounds: RoundFigures[], quick: boolean, seconds: number) {
  const dps = (n: SystemName) => records[n]?.dps ?? null;
  const p99 = (n: SystemName) => records[n]?.latency?.p99 ?? null;
  const ratio = (k: string) => {
    const m = med(rounds.map((r) => r.ratios[k]));
    return m === null ? null : round(m, 3);
  };
  // The peer best in most rounds (the higher median breaks a tie).
  const wins = new Map<PeerName, number>();
  for (const r of rounds) if (r.best_peer) wins.set(r.best_peer, (wins.get(r.best_peer) ?? 0) + 1);
  const bestPeer = [...wins.entries()].sort((a, b) => b[1] - a[1] || (dps(b[0]) ?? 0) - (dps(a[0]) ?? 0))[0]?.[0] ?? null;
  const bestPeerDps = med(rounds.map((r) => (r.best_peer ? r.dps[r.best_peer] : null)));
  const ceilingRounds = records.ceiling?.rounds ?? [];
  return {
    ceiling_dps: dps('ceiling'),
    // Since the rounds: the ceiling of the last round (another order than the first), not a
    // second measurement right after SalesOS on PostgreSQL; the ratios use each round's own.
    ceiling_again_dps: ceilingRounds.length > 1 ? ceilingRounds[ceilingRounds.length - 1].dps : null,
    baseline_dps: dps('pg-boss'),
    postgres_dps: dps('postgres'),
    sqlite_dps: dps('sqlite'),
    ceiling_p99_ms_at_1000: p99('ceiling'),
    baseline_p99_ms_at_1000: p99('pg-boss'),
    postgres_p99_ms_at_1000: p99('postgres'),
    sqlite_p99_ms_at_1000: p99('sqlite'),
    postgres_vs_ceiling: ratio('postgres_vs_ceiling'),
    postgres_vs_baseline: ratio('postgres_vs_baseline'),
    sqlite_vs_ceiling: ratio('sqlite_vs_ceiling'),
    sqlite_vs_baseline: ratio('sqlite_vs_baseline'),
    isolation_ratio: records.postgres?.isolation?.ratio ?? null,
    ordering_ratio: records.postgres?.ordering?.ratio ?? null,
    backlog_ratio: records.postgres?.scale?.ratio ?? null,
    fairness_b_alone_p99_ms: records.postgres?.fairness?.b_alone.p99 ?? null,
    fairness_b_p99_ms: records.postgres?.fairness?.b_during_flood.p99 ?? null,
    fairness_a_ratio: records.postgres?.fairness?.a_ratio ?? null,
    fairness_backlog_b_p99_ms: records.postgres?.fairness?.b_during_backlog.p99 ?? null,
    quick,
    seconds,
    best_peer_dps: bestPeerDps === null ? null : round(bestPeerDps, 0),
    best_peer: bestPeer,
    postgres_vs_best_peer: ratio('postgres_vs_best_peer'),
    sqlite_vs_best_peer: ratio('sqlite_vs_best_peer'),
    best_peer_vs_ceiling: ratio('best_peer_vs_ceiling'),
    pg_boss_dps: dps('pg-boss'),
    graphile_worker_dps: dps('graphile-worker'),
    bullmq_dps: dps('bullmq'),
    graphile_worker_p99_ms_at_1000: p99('graphile-worker'),
    bullmq_p99_ms_at_1000: p99('bullmq'),
    // VmHWM of SalesOS's service at the end of its last round (saturation, latency and, on
    // PostgreSQL, the isolation, ordering and backlog phases).
    postgres_peak_rss_mb: records.postgres?.peak_rss_mb ?? null,
    sqlite_peak_rss_mb: records.sqlite?.peak_rss_mb ?? null,
    rounds: rounds.length,
    kept_settings: Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.kept])),
  };
}

const n = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US'));
const x = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/** A markdown table of the rounds (deliveries/s and ratios), and of every setting tried. */
export function markdown(records: Records, rounds: RoundFigures[]): string {
  const names = Object.keys(records) as SystemName[];
  const ratioNames = RATIOS.map(([k]) => k).filter((k) => rounds.some((r) => r.ratios[k] !== null));
  const lines = [
    `| round | ${names.join(' | ')} | best peer | ${ratioNames.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|---|${ratioNames.map(() => '---:').join('|')}|`,
    ...rounds.map(
      (r) => `| ${r.round} | ${names.map((k) => n(r.dps[k])).join(' | ')} | ${r.best_peer ?? '—'} | ${ratioNames.map((k) => x(r.ratios[k])).join(' | ')} |`,
    ),
    `| **median** | ${names.map((k) => `**${n(records[k]!.dps)}**`).join(' | ')} | | ${ratioNames.map((k) => `**${x(med(rounds.map((r) => r.ratios[k])))}**`).join(' | ')} |`,
    '',
    '| system | setting | deliveries/s per round | median | CPU ms / 1k | kept |',
    '|---|---|---|---:|---:|:-:|',
  ];
  for (const k of names) {
    const rec = records[k]!;
    for (const s of rec.settings) {
      const cpu = med(s.runs.map((y) => y.saturation.cpu_ms_per_1k));
      lines.push(
        `| ${k} | ${s.label} | ${s.runs.map((y) => `r${y.round} ${n(y.dps)}`).join(', ') || '—'} | ${n(s.median_dps)} | ${n(cpu)} | ${s.label === rec.kept ? '✓' : ''} |`,
      );
    }
  }
  return lines.join('\n');
}
