// Endpoint health (GET /v1/webhooks/{id}/stats, the dashboard's rates and charts, `salesos
// webhooks stats`): what the rollups written with every outcome batch (src/store/sql/stats.ts)
// say about a webhook over a time range, in buckets, with the success rate and latency
// percentiles read from the merged latency histograms.
import { validation } from '../errors.ts';
import { ATTEMPT_OUTCOMES, LATENCY_BOUNDS_MS, STATS_BUCKETS, iso, type Auth, type AttemptOutcome, type StatsBucket } from '../model.ts';
import type { EndpointStats, RollupCounts } from '../store/ports.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const BUCKET_MS: Record<StatsBucket, number> = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE, '1d': DAY };
/** A request may span at most this many buckets. */
export const MAX_BUCKETS = 1440;
/** Without `bucket`: the finest size that gives at most this many. */
const DEFAULT_BUCKETS = 60;

export interface StatsQuery {
  since?: string;
  until?: string;
  bucket?: StatsBucket;
}

/** A span's figures as the API shows them. */
export interface StatsFigures {
  delivered: number;
  failed: number;
  attempts: number;
  attempts_by_outcome: Record<AttemptOutcome, number>;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

export interface WebhookStats {
  webhook_id: string;
  since: string;
  until: string;
  bucket: StatsBucket;
  buckets: Array<StatsFigures & { start: string }>;
  totals: StatsFigures;
  success_rate: number | null;
}

/**
 * The p-quantile (0 < p ≤ 1) of a latency histogram, interpolated within the bucket where it lies
 * (so it lies in the same bucket as the true value); null when it holds nothing.
 */
export function percentile(latency: readonly number[], p: number): number | null {
  const total = latency.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < latency.length; i++) {
    if (seen + latency[i] >= rank) {
      const low = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      // The last bucket has no upper bound: say its lower one (the timeout caps attempts at 30 s).
      if (i >= LATENCY_BOUNDS_MS.length) return low;
      const high = LATENCY_BOUNDS_MS[i];
      return Math.round(low + ((high - low) * (rank - seen)) / latency[i]);
    }
    seen += latency[i];
  }
  return null;
}

/**
 * Attempts that succeeded among those that count for the endpoint's health: every attempt but
 * those answered 429 with Retry-After (`throttled`: the endpoint asked to wait). Null: none.
 */
export function successRate(c: RollupCounts): number | null {
  const counted = ATTEMPT_OUTCOMES.reduce((n, o) => n + (o === 'throttled' ? 0 : c.outcomes[o]), 0);
  return counted ? Math.round((c.outcomes['2xx'] / counted) * 10_000) / 10_000 : null;
}

export function figures(c: RollupCounts): StatsFigures {
  return {
    delivered: c.delivered,
    failed: c.failed,
    attempts: ATTEMPT_OUTCOMES.reduce((n, o) => n + c.outcomes[o], 0),
    attempts_by_outcome: { ...c.outcomes },
    latency_p50_ms: percentile(c.latency, 0.5),
    latency_p95_ms: percentile(c.latency, 0.95),
  };
}

function zero(): RollupCounts {
  return {
    delivered: 0,
    failed: 0,
    outcomes: Object.fromEntries(ATTEMPT_OUTCOMES.map((o) => [o, 0])) as Record<AttemptOutcome, number>,
    latency: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
  };
}

function sum(list: readonly RollupCounts[]): RollupCounts {
  const t = zero();
  for (const c of list) {
    t.delivered += c.delivered;
    t.failed += c.failed;
    for (const o of ATTEMPT_OUTCOMES) t.outcomes[o] += c.outcomes[o];
    c.latency.forEach((n, i) => (t.latency[i] += n));
  }
  return t;
}

/** since/until/bucket of a request, checked: a bad one is a 400 naming it. */
export function statsRange(q: StatsQuery, now: number): { since: number; until: number; bucket: StatsBucket } {
  const at = (field: 'since' | 'until', fallback: number): number => {
    const v = q[field];
    if (v === undefined) return fallback;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw validation(`${field} is not an ISO-8601 time`, [{ field: `querystring.${field}`, message: 'invalid time' }]);
    return ms;
  };
  const until = at('until', now);
  // Rollups are kept per minute: a range starts at the start of its first minute.
  const since = Math.floor(at('since', until - DAY) / MINUTE) * MINUTE;
  if (until <= since) throw validation('until must be after since', [{ field: 'querystring.until', message: 'must be after since' }]);
  const count = (b: StatsBucket) => Math.ceil(until / BUCKET_MS[b]) - Math.floor(since / BUCKET_MS[b]);
  const bucket = q.bucket ?? STATS_BUCKETS.find((b) => count(b) <= DEFAULT_BUCKETS) ?? '1d';
  if (count(bucket) > MAX_BUCKETS)
    throw validation(`since..until spans more than ${MAX_BUCKETS} buckets of ${bucket}: ask for a larger bucket or a shorter range`, [
      { field: 'querystring.bucket', message: `at most ${MAX_BUCKETS} buckets` },
    ]);
  return { since, until, bucket };
}

export class StatsService {
  constructor(private readonly store: EndpointStats) {}

  /** A webhook's health over a range (the caller checked that the webhook is the organization's). */
  async forWebhook(auth: Auth, webhookId: string, q: StatsQuery, now = Date.now()): Promise<WebhookStats> {
    const { since, until, bucket } = statsRange(q, now);
    const size = BUCKET_MS[bucket];
    const rows = await this.store.buckets(auth.organizationId, webhookId, since, until, size);
    const byStart = new Map(rows.map((r) => [r.start, r]));
    // Every bucket of the range, empty ones too, so a chart's time axis is even.
    const buckets: WebhookStats['buckets'] = [];
    for (let start = Math.floor(since / size) * size; start < until; start += size)
      buckets.push({ start: iso(start)!, ...figures(byStart.get(start) ?? zero()) });
    const total = sum(rows);
    return { webhook_id: webhookId, since: iso(since)!, until: iso(until)!, bucket, buckets, totals: figures(total), success_rate: successRate(total) };
  }

  /** Each webhook's success rate and attempts over the last `windowMs`, in one read (the dashboard's list). */
  async rates(auth: Auth, webhookIds: string[], windowMs: number, now = Date.now()): Promise<Map<string, { attempts: number; success_rate: number | null }>> {
    const totals = await this.store.totals(auth.organizationId, webhookIds, Math.floor((now - windowMs) / MINUTE) * MINUTE, now + MINUTE);
    const out = new Map<string, { attempts: number; success_rate: number | null }>();
    for (const [id, c] of totals) out.set(id, { attempts: figures(c).attempts, success_rate: successRate(c) });
    return out;
  }
}
