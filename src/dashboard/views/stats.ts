// Endpoint health in the dashboard: the success rate of the webhook list, and the webhook page's
// charts (deliveries and failures over time, latency p50/p95), drawn here as inline SVG on the
// server: no script, no third-party code, nothing the dashboard's CSP would have to allow. Every
// chart has a title and a description, and its figures are also a table (for screen readers, and
// for anyone who wants the numbers).
import type { StatsFigures, WebhookStats } from '../../delivery/stats.ts';
import type { LastDelivery } from '../../store/ports.ts';
import { html, plural, raw, type Html } from '../html.ts';

/** A webhook's figures in the list: attempts over the last 24 h and the share that succeeded. */
export interface ListRate {
  attempts: number;
  success_rate: number | null;
}

const percent = (rate: number) => {
  const pct = rate * 100;
  return pct === 100 || pct === 0 ? `${pct}%` : `${pct.toFixed(1)}%`;
};

/** A webhook's row of the list: its rate, and its newest delivery. */
export interface WebhookListStats extends ListRate {
  last: LastDelivery | null;
}

/** The list's "Success (24 h)" cell. */
export function successRate(r: ListRate | undefined): Html {
  if (!r || r.success_rate === null) return html`<span class="muted">No deliveries</span>`;
  const tone = r.success_rate >= 0.99 ? 'good' : r.success_rate >= 0.9 ? 'warn' : 'bad';
  return html`<span class="rate rate--${tone}" data-success-rate="${r.success_rate}"
    ><strong>${percent(r.success_rate)}</strong> <span class="muted">of ${plural(r.attempts, 'attempt')}</span></span
  >`;
}

const W = 720;
const H = 160;
const PAD = { top: 14, right: 8, bottom: 22, left: 44 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/** A bucket's start as its label: the time of day (UTC) for buckets under a day, else the date. */
function label(start: string, bucket: string): string {
  return bucket === '1d' ? start.slice(5, 10) : start.slice(11, 16);
}

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
const f = (n: number) => (Math.round(n * 10) / 10).toString();

/** X positions of the buckets, a few axis labels, and the frame. */
function axes(s: WebhookStats, top: string): string {
  const n = s.buckets.length;
  const every = Math.max(1, Math.ceil(n / 6));
  const ticks = s.buckets
    .map((b, i) =>
      i % every
        ? ''
        : `<text class="chart__tick" x="${f(PAD.left + ((i + 0.5) * PLOT_W) / n)}" y="${H - 6}" text-anchor="middle">${label(b.start, s.bucket)}</text>`,
    )
    .join('');
  return (
    `<line class="chart__axis" x1="${PAD.left}" y1="${PAD.top + PLOT_H}" x2="${W - PAD.right}" y2="${PAD.top + PLOT_H}"/>` +
    `<text class="chart__tick" x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end">${top}</text>` +
    `<text class="chart__tick" x="${PAD.left - 6}" y="${PAD.top + PLOT_H}" text-anchor="end">0</text>` +
    ticks
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Deliveries that succeeded and failed per bucket, stacked bars. */
function deliveriesChart(s: WebhookStats): Html {
  const n = s.buckets.length;
  const max = Math.max(1, ...s.buckets.map((b) => b.delivered + b.failed));
  const slot = PLOT_W / n;
  const bar = Math.max(1, slot * 0.7);
  const y = (v: number) => (v / max) * PLOT_H;
  const bars = s.buckets
    .map((b, i) => {
      const x = f(PAD.left + i * slot + (slot - bar) / 2);
      const ok = y(b.delivered);
      const bad = y(b.failed);
      const base = PAD.top + PLOT_H;
      return (
        `<g class="chart__bucket" data-start="${b.start}" data-delivered="${b.delivered}" data-failed="${b.failed}">` +
        `<title>${esc(`${label(b.start, s.bucket)}: ${b.delivered} delivered, ${b.failed} failed`)}</title>` +
        (b.delivered ? `<rect class="chart__ok" x="${x}" y="${f(base - ok)}" width="${f(bar)}" height="${f(ok)}"/>` : '') +
        (b.failed ? `<rect class="chart__bad" x="${x}" y="${f(base - ok - bad)}" width="${f(bar)}" height="${f(bad)}"/>` : '') +
        `</g>`
      );
    })
    .join('');
  const desc = `${s.totals.delivered} delivered and ${s.totals.failed} failed from ${s.since} to ${s.until}, in buckets of ${s.bucket}; the busiest bucket had ${max === 1 && !s.totals.delivered && !s.totals.failed ? 0 : max}.`;
  return raw(
    `<svg class="chart" data-chart="deliveries" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-deliveries-title chart-deliveries-desc">` +
      `<title id="chart-deliveries-title">Deliveries and failures per ${s.bucket}</title><desc id="chart-deliveries-desc">${esc(desc)}</desc>` +
      axes(s, String(max)) +
      bars +
      `</svg>`,
  );
}

/** Latency p50 and p95 per bucket, as two lines (broken where a bucket had no timed attempt). */
function latencyChart(s: WebhookStats): Html {
  const n = s.buckets.length;
  const max = Math.max(1, ...s.buckets.map((b) => b.latency_p95_ms ?? 0));
  const x = (i: number) => f(PAD.left + ((i + 0.5) * PLOT_W) / n);
  const y = (v: number) => f(PAD.top + PLOT_H - (v / max) * PLOT_H);
  const line = (key: 'latency_p50_ms' | 'latency_p95_ms') => {
    let d = '';
    let open = false;
    s.buckets.forEach((b, i) => {
      const v = b[key];
      if (v === null) return void (open = false);
      d += `${open ? 'L' : 'M'}${x(i)} ${y(v)}`;
      open = true;
    });
    const dots = s.buckets
      .map((b, i) =>
        b[key] === null ? '' : `<circle class="chart__dot chart__${key === 'latency_p50_ms' ? 'p50' : 'p95'}" cx="${x(i)}" cy="${y(b[key]!)}" r="2.5"/>`,
      )
      .join('');
    return `<path class="chart__line chart__${key === 'latency_p50_ms' ? 'p50' : 'p95'}" d="${d}"/>${dots}`;
  };
  const desc = `Attempt latency from ${s.since} to ${s.until}, in buckets of ${s.bucket}: p50 ${ms(s.totals.latency_p50_ms)} and p95 ${ms(s.totals.latency_p95_ms)} over the whole range; the slowest bucket's p95 was ${max} ms.`;
  return raw(
    `<svg class="chart" data-chart="latency" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-latency-title chart-latency-desc">` +
      `<title id="chart-latency-title">Latency p50 and p95 per ${s.bucket}</title><desc id="chart-latency-desc">${esc(desc)}</desc>` +
      axes(s, `${max} ms`) +
      line('latency_p95_ms') +
      line('latency_p50_ms') +
      `</svg>`,
  );
}

function figuresRow(start: string, bucket: string, b: StatsFigures): Html {
  return html`<tr>
    <th scope="row">${label(start, bucket)}</th>
    <td>${b.delivered}</td>
    <td>${b.failed}</td>
    <td>${b.attempts}</td>
    <td>${ms(b.latency_p50_ms)}</td>
    <td>${ms(b.latency_p95_ms)}</td>
  </tr>`;
}

/** The webhook page's health card: a summary line, the two charts, and their figures as a table. */
export function healthCard(s: WebhookStats): Html {
  const t = s.totals;
  const failures = Object.entries(t.attempts_by_outcome).filter(([o, n]) => o !== '2xx' && n > 0);
  return html`<section class="card health" aria-labelledby="health-title" data-health>
    <div class="card__head">
      <h2 id="health-title">Health, last 24 hours</h2>
      <p class="muted small">Times in UTC. Latency within a histogram bucket (about ±25%).</p>
    </div>
    <p class="health__summary" data-health-summary>
      ${s.success_rate === null ? html`<span class="muted">No attempts in the last 24 hours.</span>` : html`Success rate <strong>${percent(s.success_rate)}</strong>`}
      · ${plural(t.delivered, 'delivery', 'deliveries')} succeeded · ${t.failed} failed · ${plural(t.attempts, 'attempt')} · p50 ${ms(t.latency_p50_ms)} · p95
      ${ms(t.latency_p95_ms)}
    </p>
    ${failures.length ? html`<p class="small">Failed attempts: ${failures.map(([o, n], i) => html`${i ? ', ' : ''}<code>${o}</code> ${n}`)}</p>` : ''}
    <div class="health__charts">
      <figure>
        ${deliveriesChart(s)}
        <figcaption class="small"><span class="key key--ok"></span> delivered <span class="key key--bad"></span> failed</figcaption>
      </figure>
      <figure>
        ${latencyChart(s)}
        <figcaption class="small"><span class="key key--p50"></span> p50 <span class="key key--p95"></span> p95</figcaption>
      </figure>
    </div>
    <details class="health__table">
      <summary>Figures per ${s.bucket === '1h' ? 'hour' : s.bucket}</summary>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Delivered</th>
              <th scope="col">Failed</th>
              <th scope="col">Attempts</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            ${s.buckets.map((b) => figuresRow(b.start, s.bucket, b))}
          </tbody>
        </table>
      </div>
    </details>
  </section>`;
}
