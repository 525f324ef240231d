// The scale curves as markdown tables, one per curve: printed by `npm run bench -- --scale`, and
// by `node --import tsx bench/curves-table.ts bench/results/scale-<date>.json` for a saved run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CurvePoint {
  curve: 'fanout' | 'orgs' | 'payload';
  x: number;
  backend: 'postgres' | 'sqlite';
  fanout: number;
  organizations: number;
  payload_bytes: number;
  webhooks: number;
  setup_s: number;
  dps: number;
  events_per_s: number;
  mib_per_s: number;
  queue_full_share: number;
  cpu_ms_per_1k: number;
  publish_errors: number;
  latency: { events_per_s: number; deliveries_per_s: number; sent: number; received: number; p50: number; p95: number; p99: number; max: number };
  peak_rss_mb: number;
}

const TITLES: Record<CurvePoint['curve'], [string, (p: CurvePoint) => string]> = {
  fanout: ['webhooks per event (fan-out)', (p) => p.x.toLocaleString('en-US')],
  orgs: ['organizations (one webhook each)', (p) => p.x.toLocaleString('en-US')],
  payload: ['delivered body (fan-out 10)', (p) => `${p.x / 1024} KiB`],
};

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const ms = (v: number) => (!Number.isFinite(v) ? '—' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);

export function curvesTable(points: CurvePoint[]): string {
  const out: string[] = [];
  for (const curve of Object.keys(TITLES) as CurvePoint['curve'][]) {
    const rows = points.filter((p) => p.curve === curve);
    if (!rows.length) continue;
    const [title, x] = TITLES[curve];
    out.push(
      `| ${title} | backend | deliveries/s | events/s | MiB/s | queue full | CPU ms / 1k | peak RSS | p50 / p99 (max) at | received / sent | setup |`,
      '|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
      ...rows.map(
        (p) =>
          `| ${x(p)} | ${p.backend} | ${int(p.dps)} | ${int(p.events_per_s)} | ${p.mib_per_s} | ${Math.round(100 * p.queue_full_share)}% | ${p.cpu_ms_per_1k} | ${p.peak_rss_mb} MiB | ${ms(p.latency.p50)} / **${ms(p.latency.p99)}** (${ms(p.latency.max)}) at ${int(p.latency.deliveries_per_s)}/s | ${int(p.latency.received)} / ${int(p.latency.sent)} | ${p.setup_s} s |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node --import tsx bench/curves-table.ts <scale results JSON>');
  console.log(curvesTable((JSON.parse(readFileSync(file, 'utf8')) as { points: CurvePoint[] }).points));
}
