// `salesos webhooks stats <id>`: a webhook's health over a time range (GET /v1/webhooks/{id}/stats).
import { Option, type Command } from 'commander';
import { STATS_BUCKETS } from '../model.ts';
import { parseSince } from './args.ts';
import { ApiClient, withConnection, type ConnectionOptions, type Env } from './client.ts';
import { table, when, type Out } from './output.ts';

interface Figures {
  delivered: number;
  failed: number;
  attempts: number;
  attempts_by_outcome: Record<string, number>;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

interface Stats {
  webhook_id: string;
  since: string;
  until: string;
  bucket: string;
  buckets: Array<Figures & { start: string }>;
  totals: Figures;
  success_rate: number | null;
}

const ms = (v: number | null) => (v === null ? '-' : `${v} ms`);
const rate = (r: number | null) => (r === null ? '-' : `${(Math.round(r * 1000) / 10).toString()}%`);
/** Attempts by outcome, those that happened: `2xx 3, timeout 1`. */
const outcomes = (f: Figures, skip2xx = false) =>
  Object.entries(f.attempts_by_outcome)
    .filter(([o, n]) => n > 0 && !(skip2xx && o === '2xx'))
    .map(([o, n]) => `${o} ${n}`)
    .join(', ') || '-';

export function printStats(out: Out, s: Stats): void {
  out.line(`Webhook ${out.bold(s.webhook_id)} from ${when(s.since)} to ${when(s.until)}, buckets of ${s.bucket}`);
  const t = s.totals;
  for (const l of table([
    ['success rate', s.success_rate === null ? 'no attempts' : rate(s.success_rate)],
    ['delivered', String(t.delivered)],
    ['failed', String(t.failed)],
    ['attempts', `${t.attempts}${t.attempts ? ` (${outcomes(t)})` : ''}`],
    ['latency', `p50 ${ms(t.latency_p50_ms)}, p95 ${ms(t.latency_p95_ms)}`],
  ]))
    out.line(l);
  out.line();
  for (const l of table(
    s.buckets.map((b) => [
      when(b.start),
      String(b.delivered),
      String(b.failed),
      String(b.attempts),
      outcomes(b, true),
      ms(b.latency_p50_ms),
      ms(b.latency_p95_ms),
    ]),
    ['FROM', 'DELIVERED', 'FAILED', 'ATTEMPTS', 'FAILED ATTEMPTS', 'P50', 'P95'],
  ))
    out.line(l);
}

export function statsCommand(webhooks: Command, env: Env, out: Out): void {
  withConnection(webhooks.command('stats <id>').description("A webhook's health: deliveries, attempts by outcome, success rate, latency p50/p95, per bucket"))
    .option('--since <time>', 'ISO-8601 time, or a duration ago (30m, 2h, 3d); default: 24 hours before --until', (v) => parseSince(v))
    .option('--until <time>', 'ISO-8601 time, or a duration ago; default: now', (v) => parseSince(v))
    .addOption(new Option('--bucket <size>', 'bucket size (default: the finest giving at most 60 buckets)').choices(STATS_BUCKETS))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: ConnectionOptions & { since?: string; until?: string; bucket?: string; json?: boolean }) => {
      const q = new URLSearchParams();
      for (const k of ['since', 'until', 'bucket'] as const) if (opts[k]) q.set(k, opts[k]);
      const query = q.toString();
      const s = await ApiClient.from(opts, env).request<Stats>('GET', `/v1/webhooks/${encodeURIComponent(id)}/stats${query ? `?${query}` : ''}`);
      if (opts.json) return out.json(s);
      printStats(out, s);
    });
}
