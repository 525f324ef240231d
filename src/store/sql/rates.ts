// Token buckets of rate-limited webhooks (RateLimits), table rate_buckets: the tokens a bucket had
// at updated_at; a take first refills it by the time elapsed since (rate per second, at most
// burst). SQLite (one writer) reads and writes a bucket in one transaction; PostgreSQL does it in
// one statement (postgres/sql/rates.ts).
import type { RateLimits } from '../ports.ts';
import type { SqlDatabase } from './runner.ts';

/** A bucket after refilling: its tokens at `at` (a clock behind the one that wrote it adds nothing). */
export function refill(tokens: number, updatedAt: number, now: number, rate: number, burst: number): { tokens: number; at: number } {
  return { tokens: Math.min(burst, tokens + (Math.max(0, now - updatedAt) * rate) / 1000), at: Math.max(now, updatedAt) };
}

/** When a bucket holding `tokens` (< 1) at `at` has one. */
export function nextTokenAt(tokens: number, at: number, rate: number): number {
  return at + Math.ceil(((1 - tokens) * 1000) / rate);
}

export const INSERT_BUCKET =
  'INSERT INTO rate_buckets (organization_id, webhook_id, tokens, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, webhook_id) DO NOTHING';

export class SqlRateLimits implements RateLimits {
  constructor(private readonly db: SqlDatabase) {}

  take(organizationId: string, webhookId: string, rate: number, burst: number, now: number): Promise<number | null> {
    return this.db.tx(async (q) => {
      const [row] = await q.query<{ tokens: number; updated_at: number }>(
        'SELECT tokens, updated_at FROM rate_buckets WHERE organization_id = ? AND webhook_id = ?',
        [organizationId, webhookId],
      );
      if (!row) {
        await q.exec(INSERT_BUCKET, [organizationId, webhookId, burst - 1, now]);
        return null;
      }
      const b = refill(Number(row.tokens), Number(row.updated_at), now, rate, burst);
      if (b.tokens < 1) return nextTokenAt(b.tokens, b.at, rate);
      await q.exec('UPDATE rate_buckets SET tokens = ?, updated_at = ? WHERE organization_id = ? AND webhook_id = ?', [
        b.tokens - 1,
        b.at,
        organizationId,
        webhookId,
      ]);
      return null;
    });
  }
}
