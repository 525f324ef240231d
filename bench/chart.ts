// The chart of docs/benchmarks.md: an SVG drawn here and converted to PNG with rsvg-convert
// (Debian package librsvg2-bin), so no chart service or network is needed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Sys {
  dps: number;
  latency: { p50: number; p99: number } | null;
}
interface Report {
  date: string;
  machine: { nproc: number; node: string; postgres: string };
  results: Partial<Record<string, Sys>>;
  settings: { rounds: number };
}

const LABELS: Record<string, string> = {
  ceiling: 'ceiling (undici, no storage)',
  'pg-boss': 'pg-boss 10',
  'graphile-worker': 'graphile-worker 0.17 (local queue)',
  bullmq: 'BullMQ 5 (Redis)',
  postgres: 'SalesOS on PostgreSQL',
  sqlite: 'SalesOS on SQLite',
};
const COLORS: Record<string, string> = {
  ceiling: '#9aa5b1',
  'pg-boss': '#e8a33d',
  'graphile-worker': '#c0713a',
  bullmq: '#b5485d',
  postgres: '#2f6fde',
  sqlite: '#2aa876',
};
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function panel(x: number, title: string, rows: Array<{ key: string; value: number; text: string }>): string {
  const width = 460;
  const max = Math.max(...rows.map((r) => r.value), 1);
  let out = `<text x="${x}" y="74" font-size="15" font-weight="bold">${esc(title)}</text>`;
  rows.forEach((r, i) => {
    const y = 90 + i * 56;
    const w = Math.max(2, (r.value / max) * (width - 190));
    out += `<text x="${x}" y="${y + 12}" font-size="13">${esc(LABELS[r.key] ?? r.key)}</text>`;
    out += `<rect x="${x}" y="${y + 18}" width="${w.toFixed(1)}" height="22" fill="${COLORS[r.key] ?? '#888'}" rx="2"/>`;
    out += `<text x="${x + w + 6}" y="${y + 34}" font-size="13">${esc(r.text)}</text>`;
  });
  return out;
}

export function renderChart(report: Report, pngPath: string): void {
  const keys = Object.keys(LABELS).filter((k) => report.results[k]);
  const res = (k: string) => report.results[k]!;
  const perS = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;
  const dps = keys.map((k) => ({ key: k, value: res(k).dps, text: perS(res(k).dps) }));
  const p99 = keys
    .filter((k) => res(k).latency)
    .map((k) => ({
      key: k,
      value: res(k).latency!.p99,
      text: `p99 ${ms(res(k).latency!.p99)}, p50 ${ms(res(k).latency!.p50)}`,
    }));
  const height = 110 + keys.length * 56;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="28" font-size="18" font-weight="bold">Webhook delivery, 1 KiB payload, one local receiver</text>
<text x="20" y="46" font-size="12" fill="#555">${esc(`${report.date.slice(0, 10)} · ${report.machine.nproc} cores · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres}`)}</text>
${panel(20, `Deliveries/s, median of ${report.settings.rounds} rounds (higher is better)`, dps)}
 ${panel(510, 'Publish→receipt, 1,000 events/s (lower is better)', p99)}
</svg>`;
  mkdirSync(dirname(pngPath), { recursive: true });
  const svgPath = pngPath.replace(/\.png$/, '.svg');
  writeFileSync(svgPath, svg);
  try {
    execFileSync('rsvg-convert', ['-o', pngPath, svgPath]);
  } catch (e) {
    console.error(`chart: rsvg-convert failed (apt-get install -y librsvg2-bin); the SVG is at ${svgPath}: ${(e as Error).message}`);
  }
}
